namespace Attune.Silo.Learners;

/// <summary>
/// What a learner grain keeps between activations. The history is the SDK's <see cref="Attune.Learners.LearnerHistory"/>
/// in its own versioned bytes, and each plugin's state is bytes only that plugin reads, so the host never needs a
/// plugin's types to persist a learner.
/// </summary>
[GenerateSerializer, Alias("attune.learner-state")]
public sealed class LearnerState
{
    /// <summary>The journal sequence of the last event applied; every event up to it is applied exactly once.</summary>
    [Id(0)] public long LastSequence { get; set; }

    /// <summary><see cref="Attune.Learners.LearnerHistory.ToBytes"/> as of <see cref="LastSequence"/>.</summary>
    [Id(1)] public byte[] History { get; set; } = [];

    /// <summary>Per strategy plugin name, its state for this learner (and, for a trainable strategy, the model it was observed under).</summary>
    [Id(2)] public Dictionary<string, StoredPluginState> PluginStates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per recommender plugin name, this learner's embedding and the model it was folded against.</summary>
    [Id(3)] public Dictionary<string, StoredEmbedding> Embeddings { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A strategy's state bytes for one learner.</summary>
/// <param name="ModelVersion">
/// For an <see cref="Attune.Plugins.ITrainableStrategy"/>, the model version every event was observed under (null: no
/// fitted model); when another version serves, the state is rebuilt from the journal. Null for other strategies.
/// </param>
[GenerateSerializer, Immutable, Alias("attune.plugin-state")]
public sealed record StoredPluginState([property: Id(0)] int Version, [property: Id(1)] byte[] Data, [property: Id(2)] string? ModelVersion = null);

[GenerateSerializer, Immutable, Alias("attune.embedding")]
public sealed record StoredEmbedding([property: Id(0)] float[] Vector, [property: Id(1)] string? ModelVersion, [property: Id(2)] string PluginVersion);
