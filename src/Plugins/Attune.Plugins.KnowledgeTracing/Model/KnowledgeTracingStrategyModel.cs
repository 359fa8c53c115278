using Attune.Plugins.KnowledgeTracing.Planning;

namespace Attune.Plugins.KnowledgeTracing.Model;

/// <summary>
/// A fitted model as the plugin serves it: the parameters, and the engine and planner built on them once per loaded
/// version (the plugin's rules and skill graph come from its settings). Immutable, shared by every learner of a silo.
/// </summary>
public sealed class KnowledgeTracingStrategyModel : IStrategyModel
{
    /// <summary>Builds the engine and planner for <paramref name="model"/>.</summary>
    public KnowledgeTracingStrategyModel(ModelArtifact artifact, KnowledgeTracingModel model, KnowledgeTracingOptions options, SkillGraph graph)
    {
        Artifact = artifact;
        Model = model;
        Tracer = new KnowledgeTracer(options, model);
        Planner = new PracticePlanner(Tracer, graph);
    }

    /// <inheritdoc />
    public ModelArtifact Artifact { get; }

    /// <summary>The fitted parameters.</summary>
    public KnowledgeTracingModel Model { get; }

    /// <summary>The engine running the fitted parameters.</summary>
    public KnowledgeTracer Tracer { get; }

    /// <summary>The planner on <see cref="Tracer"/>.</summary>
    public PracticePlanner Planner { get; }
}
