namespace Attune.Plugins.StudyPlanner.Learners;

/// <summary>How one learner has studied one item: sessions (each a learning opportunity) and when last.</summary>
/// <param name="Sessions">Study sessions on the item.</param>
/// <param name="LastTicks">UTC ticks of the latest event on the item.</param>
public readonly record struct ItemSessions(int Sessions, long LastTicks);
