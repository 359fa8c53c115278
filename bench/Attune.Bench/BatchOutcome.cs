namespace Attune.Bench;

/// <summary>What the silo said about one batch.</summary>
public readonly record struct BatchOutcome(int Accepted, int Duplicates);
