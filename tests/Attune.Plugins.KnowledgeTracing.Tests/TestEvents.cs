using Attune.Plugins.Testing;

namespace Attune.Plugins.KnowledgeTracing.Tests;

/// <summary>Events with skills (the kit's shorthands leave skills out), applied through the bench like the host applies them.</summary>
internal static class TestEvents
{
    private static long _next;

    public static LearnerReplay Answer(this LearnerReplay learner, Candidate item, double score, DateTimeOffset at, double? minutes = null) =>
        learner.Apply(Event(learner, item, EventKind.Answered, at, score, minutes));

    public static LearnerReplay Complete(this LearnerReplay learner, Candidate item, DateTimeOffset at, double? minutes = null) =>
        learner.Apply(Event(learner, item, EventKind.Completed, at, null, minutes));

    public static LearningEvent Event(LearnerReplay learner, Candidate item, EventKind kind, DateTimeOffset at, double? score, double? minutes = null) =>
        new($"t{Interlocked.Increment(ref _next)}", learner.Learner, item.Item, kind, at, item.Course, score, minutes * 60, item.Skills);
}
