namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// Turns an <see cref="InteractionAggregate"/> into the confidence c_ui = 1 + α·g(r_ui) of Hu et al. 2008 (eq. 2, or
/// the log form of §4), where r_ui is a weighted sum of the learner's activity on the item. The weights travel inside
/// the model artifact, so training and fold-in can never disagree about them.
/// </summary>
internal sealed record ConfidenceFunction(
    double Alpha,
    double Event,
    double Attempt,
    double MinuteOnTask,
    double MaxMinutes,
    double Completion,
    double Score,
    double Review,
    bool LogScaling,
    double Epsilon)
{
    public static ConfidenceFunction From(ConfidenceOptions o, double alpha) =>
        new(alpha, o.Event, o.Attempt, o.MinuteOnTask, o.MaxMinutes, o.Completion, o.Score, o.Review, o.Scaling == "log", o.Epsilon);

    public ConfidenceFunction WithAlpha(double alpha) => this with { Alpha = alpha };

    /// <summary>r_ui: how strongly the learner engaged with the item.</summary>
    public double Strength(in InteractionAggregate a) =>
        Event * a.Events
        + Attempt * a.Attempts
        + MinuteOnTask * Math.Min(a.SecondsOnTask / 60, MaxMinutes)
        + (a.IsFinished ? Completion : 0)
        + (double.IsNaN(a.BestScore) ? 0 : Score * a.BestScore)
        + Review * a.Reviews;

    /// <summary>c_ui, at least 1; computed in double and rounded once, the same way on both sides.</summary>
    public float Confidence(in InteractionAggregate a)
    {
        var r = Strength(a);
        var g = LogScaling ? Math.Log(1 + r / Epsilon) : r;
        return (float)(1 + Alpha * g);
    }
}
