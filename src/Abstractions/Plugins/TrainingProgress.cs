namespace Attune.Plugins;

/// <summary>How far training has got.</summary>
/// <param name="Phase">What it is doing, e.g. <c>reading</c>, <c>epoch 3/10</c>.</param>
/// <param name="Percent">0 to 100.</param>
public sealed record TrainingProgress(string Phase, double Percent);
