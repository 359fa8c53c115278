using Attune.Learners;

namespace Attune.Plugins.Testing;

/// <summary>
/// Builds a <see cref="LearnerHistory"/> from events with the host's own code, for tests and benchmarks that call a
/// plugin directly. Plugins only ever read a history; this is how a test gets one to hand them.
/// <see cref="LearnerReplay"/> does the same and also lets strategies observe each event.
/// </summary>
public sealed class LearnerHistoryBuilder
{
    /// <summary>Starts an empty history of <paramref name="learner"/>.</summary>
    public LearnerHistoryBuilder(LearnerId learner) => History = new LearnerHistory(learner);

    /// <summary>The history built so far (the same instance throughout).</summary>
    public LearnerHistory History { get; }

    /// <summary>Folds one event into <see cref="History"/>, as the host's learner grain does.</summary>
    /// <exception cref="ArgumentException">The event belongs to another learner.</exception>
    public LearnerHistoryBuilder Apply(LearningEvent learningEvent)
    {
        ArgumentNullException.ThrowIfNull(learningEvent);
        History.Apply(learningEvent);
        return this;
    }

    /// <summary>Folds events into <see cref="History"/> in order.</summary>
    public LearnerHistoryBuilder Apply(IEnumerable<LearningEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            History.Apply(e);
        }
        return this;
    }

    /// <summary>An empty history of <paramref name="learner"/>.</summary>
    public static LearnerHistory Empty(LearnerId learner) => new(learner);

    /// <summary>The history of <paramref name="learner"/> after <paramref name="events"/>, in order.</summary>
    public static LearnerHistory From(LearnerId learner, IEnumerable<LearningEvent> events) => new LearnerHistoryBuilder(learner).Apply(events).History;
}
