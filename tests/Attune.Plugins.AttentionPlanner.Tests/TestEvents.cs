using Attune.Plugins.Testing;

namespace Attune.Plugins.AttentionPlanner.Tests;

/// <summary>Events with skills (the kit's shorthands leave skills out), applied through the bench like the host applies them.</summary>
internal static class TestEvents
{
    private static long _next;

    public static LearnerReplay Event(this LearnerReplay learner, Candidate item, EventKind kind, DateTimeOffset at, double? score = null, double? minutes = null) =>
        learner.Apply(new LearningEvent($"a{Interlocked.Increment(ref _next)}", learner.Learner, item.Item, kind, at, item.Course, score, minutes * 60, item.Skills));
}
