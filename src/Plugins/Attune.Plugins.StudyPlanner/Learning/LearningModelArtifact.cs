using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>
/// A <see cref="LearningModel"/> as a stored model version: UTF-8 JSON under format <see cref="Format"/>, so an admin
/// can read what was fitted (every skill's parameters, every item's learning rate and the evidence behind it, every
/// inferred prerequisite) straight from the artifact.
/// </summary>
internal static class LearningModelArtifact
{
    public const string Format = "study-planner/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(LearningModel model) => JsonSerializer.SerializeToUtf8Bytes(new Document(
        model.DefaultSkill, model.DefaultLearn,
        Sorted(model.Skills), Sorted(model.Items), Sorted(model.Kinds), model.Inferred.ToList()), Json);

    // Dictionaries serialize in insertion order: sorted keys make the same model the same bytes.
    private static Dictionary<string, T> Sorted<T>(IReadOnlyDictionary<string, T> values) =>
        values.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <exception cref="FormatException">Not this format, or not readable.</exception>
    public static LearningModel Read(ModelArtifact artifact)
    {
        if (artifact.Format != Format)
        {
            throw new FormatException($"study-planner reads format {Format}, not {artifact.Format}.");
        }
        Document? d;
        try
        {
            d = JsonSerializer.Deserialize<Document>(artifact.Data, Json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The study-planner model is not readable: {ex.Message}", ex);
        }
        if (d is null || d.DefaultSkill is null || d.Skills is null || d.Items is null || d.Kinds is null || d.Inferred is null)
        {
            throw new FormatException("The study-planner model is incomplete.");
        }
        return new LearningModel(d.DefaultSkill, d.DefaultLearn, d.Skills, d.Items, d.Kinds, d.Inferred);
    }

    private sealed record Document(
        SkillParameters DefaultSkill,
        double DefaultLearn,
        Dictionary<string, SkillParameters> Skills,
        Dictionary<string, ItemEffect> Items,
        Dictionary<string, double> Kinds,
        List<InferredPrerequisite> Inferred);
}
