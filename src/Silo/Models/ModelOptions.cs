namespace Attune.Silo.Models;

/// <summary>The <c>Attune:Models</c> section.</summary>
public sealed class ModelOptions
{
    public const string Section = "Attune:Models";

    /// <summary>How often a silo checks which model version serves (it also checks on plugin reload).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest one training run may take before it is cancelled.</summary>
    public TimeSpan TrainingBudget { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest loading one model version into memory may take.</summary>
    public TimeSpan LoadBudget { get; set; } = TimeSpan.FromSeconds(60);
}
