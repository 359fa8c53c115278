namespace Attune.Plugins;

/// <summary>
/// A plugin that can say, in words and numbers, what one of its stored models holds (what it found, with the evidence),
/// so admins can read a model version without the plugin's types: the host shows it at
/// <c>GET /api/v1/admin/models/{version}</c>. Optional; for recommenders and trainable strategies alike.
/// </summary>
public interface IDescribesModel
{
    /// <summary>What <paramref name="artifact"/> (one of this plugin's) holds. Throw <see cref="FormatException"/> for one it cannot read.</summary>
    ModelDescription DescribeModel(ModelArtifact artifact);
}
