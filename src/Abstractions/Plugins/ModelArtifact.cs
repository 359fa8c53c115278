namespace Attune.Plugins;

/// <summary>A trained global model, stored by the host as opaque bytes.</summary>
/// <param name="Plugin">
/// The name of the plugin that trained it: an <see cref="ITrainableRecommender"/> or an <see cref="ITrainableStrategy"/>.
/// </param>
/// <param name="Format">The plugin's own format tag, so a newer plugin version can read or refuse older artifacts.</param>
/// <param name="Data">The serialized model.</param>
/// <param name="Metrics">Numbers worth keeping about the training (loss, recall, seconds, ...); each finite.</param>
public sealed record ModelArtifact(string Plugin, string Format, byte[] Data, IReadOnlyDictionary<string, double> Metrics);
