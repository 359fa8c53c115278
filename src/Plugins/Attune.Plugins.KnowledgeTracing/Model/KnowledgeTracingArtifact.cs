using System.Globalization;
using System.Text.Json;

namespace Attune.Plugins.KnowledgeTracing.Model;

/// <summary>
/// A fitted <see cref="KnowledgeTracingModel"/> as the bytes the host stores (<see cref="ModelArtifact"/>), and back.
/// Format <c>knowledge-tracing/1</c>: a UTF-8 JSON object of <see cref="KnowledgeTracingModel.ToSettings"/>, the same
/// keys an admin would write under <c>Attune:Plugins:Settings:knowledge-tracing</c>, so a stored version reads like
/// configuration and can be copied into it.
/// </summary>
public static class KnowledgeTracingArtifact
{
    /// <summary>The format this version writes and reads.</summary>
    public const string Format = "knowledge-tracing/1";

    /// <summary>The artifact of <paramref name="training"/>, with its sizes and fit quality as metrics.</summary>
    public static ModelArtifact From(string pluginName, KnowledgeTracingTraining training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var data = JsonSerializer.SerializeToUtf8Bytes(training.Model.ToSettings());
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["learners"] = training.Learners,
            ["answers"] = training.Answers,
            ["skills_fitted"] = training.SkillBkt.Count,
        };
        if (training.PooledBkt is { } pooled)
        {
            metrics["pooled_bkt_log_likelihood"] = pooled.LogLikelihood;
        }
        if (training.SkillBkt.Count > 0)
        {
            metrics["skill_bkt_log_likelihood"] = training.SkillBkt.Values.Sum(f => f.LogLikelihood);
        }
        if (training.Logistic is { } logistic)
        {
            metrics["logistic_log_loss"] = logistic.LogLoss;
        }
        return new ModelArtifact(pluginName, Format, data, metrics);
    }

    /// <summary>Reads an artifact this plugin wrote.</summary>
    /// <exception cref="FormatException">Another format, bytes that are not the JSON object written, or parameters that cannot be used.</exception>
    public static KnowledgeTracingModel Read(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (artifact.Format != Format)
        {
            throw new FormatException($"Model format '{artifact.Format}' is not one this version reads ({Format}).");
        }
        Dictionary<string, string>? values;
        try
        {
            values = JsonSerializer.Deserialize<Dictionary<string, string>>(artifact.Data);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"A {Format} model is a JSON object of settings: {ex.Message}", ex);
        }
        if (values is null)
        {
            throw new FormatException($"A {Format} model is a JSON object of settings, not null.");
        }
        var model = KnowledgeTracingModel.FromSettings(new PluginSettings(values.ToDictionary(p => p.Key, p => (string?)p.Value)));
        return model.Problem() is { } problem
            ? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"A stored {Format} model cannot be used: {problem}."))
            : model;
    }
}
