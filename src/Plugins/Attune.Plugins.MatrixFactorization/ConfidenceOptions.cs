namespace Attune.Plugins.MatrixFactorization;

/// <summary>
/// How a learner's aggregated activity on an item becomes the strength r of Hu et al. 2008 (then confidence
/// c = 1 + α·g(r)). Each term reads one aggregate the host keeps per item (<see cref="Attune.Learners.ItemHistory"/>),
/// so fold-in and training compute the same r from the same numbers.
/// </summary>
public sealed class ConfidenceOptions
{
    /// <summary>Per event of any kind (a view, a start, an answer ...).</summary>
    public double Event { get; set; } = 1;

    /// <summary>Per attempt (answered or submitted), on top of <see cref="Event"/>.</summary>
    public double Attempt { get; set; } = 0.5;

    /// <summary>Per minute on task, capped at <see cref="MaxMinutes"/>.</summary>
    public double MinuteOnTask { get; set; } = 0.1;

    /// <summary>Minutes on task beyond this add nothing: an item left open in a tab is not extra interest.</summary>
    public double MaxMinutes { get; set; } = 60;

    /// <summary>Once, when the item is finished (completed, submitted or graded).</summary>
    public double Completion { get; set; } = 2;

    /// <summary>Times the best score (0..1).</summary>
    public double Score { get; set; } = 1;

    /// <summary>Per review (the <c>reviewed</c> kind).</summary>
    public double Review { get; set; } = 0.5;

    /// <summary>
    /// <c>log</c>: g(r) = ln(1 + r/ε), Hu et al. 2008 §4, which keeps a hundred views from drowning one completion;
    /// <c>linear</c>: g(r) = r, their eq. 2.
    /// </summary>
    public string Scaling { get; set; } = "log";

    /// <summary>ε of the log scaling.</summary>
    public double Epsilon { get; set; } = 1;

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem()
    {
        double[] weights = [Event, Attempt, MinuteOnTask, MaxMinutes, Completion, Score, Review];
        if (weights.Any(w => !(w >= 0) || !double.IsFinite(w)))
        {
            return "Confidence weights must be non-negative numbers";
        }
        if (Event + Attempt + MinuteOnTask + Completion + Score + Review <= 0)
        {
            return "at least one Confidence weight must be positive";
        }
        if (Scaling is not ("log" or "linear"))
        {
            return "Confidence:Scaling must be 'log' or 'linear'";
        }
        return Epsilon > 0 && double.IsFinite(Epsilon) ? null : "Confidence:Epsilon must be a positive number";
    }
}
