namespace Attune.Plugins.MatrixFactorization;

/// <summary>
/// The grid search training runs before the final fit: each combination of k, λ and α is fitted on the journal before
/// a time cut-off and scored by Recall@20 on the (learner, item) pairs first seen after it; the best is refitted on
/// everything. Lists are comma-separated numbers; an empty list means the single value of the main setting.
/// </summary>
public sealed class TuningOptions
{
    /// <summary>Whether to search at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Candidate factor counts k.</summary>
    public string Factors { get; set; } = "";

    /// <summary>Candidate λ values.</summary>
    public string Regularization { get; set; } = "0.01,0.03,0.1";

    /// <summary>Candidate α values.</summary>
    public string Alpha { get; set; } = "0.5,2,8";

    /// <summary>Candidate λ values of the explicit model, scored by holdout RMSE.</summary>
    public string ExplicitRegularization { get; set; } = "0.01,0.03,0.1";

    /// <summary>The newest share of (learner, item) pairs, by first event, held out for scoring.</summary>
    public double HoldoutFraction { get; set; } = 0.1;

    /// <summary>Wall-clock seconds the search may take; the default configuration is always tried.</summary>
    public double BudgetSeconds { get; set; } = 60;

    /// <summary>Epochs per tried configuration; 0 means the main <c>Epochs</c>.</summary>
    public int Epochs { get; set; } = 8;

    /// <summary>Interactions needed before a search is worth it.</summary>
    public int MinimumInteractions { get; set; } = 1000;

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem()
    {
        try
        {
            var factors = MatrixFactorizationOptions.ParseList(Factors, "Tuning:Factors");
            var lambdas = MatrixFactorizationOptions.ParseList(Regularization, "Tuning:Regularization");
            var alphas = MatrixFactorizationOptions.ParseList(Alpha, "Tuning:Alpha");
            if (MatrixFactorizationOptions.ParseList(ExplicitRegularization, "Tuning:ExplicitRegularization").Any(l => l <= 0))
            {
                return "Tuning:ExplicitRegularization holds positive λ";
            }
            if (factors.Any(f => f < 1 || f > 1024 || f != Math.Floor(f)) || lambdas.Any(l => l <= 0) || alphas.Any(a => a < 0))
            {
                return "Tuning lists hold whole k from 1 to 1024, positive λ and non-negative α";
            }
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
        return !(HoldoutFraction > 0 && HoldoutFraction < 0.5) ? "Tuning:HoldoutFraction must be between 0 and 0.5"
            : !(BudgetSeconds >= 0) || !double.IsFinite(BudgetSeconds) ? "Tuning:BudgetSeconds must be a non-negative number"
            : Epochs is < 0 or > 1000 ? "Tuning:Epochs must be from 0 to 1000"
            : MinimumInteractions < 0 ? "Tuning:MinimumInteractions must not be negative"
            : null;
    }
}
