namespace Attune.Outcomes.Bench.Simulation;

/// <summary>One simulated learner under one configuration: their hidden state, the days they had, and their event numbering.</summary>
public sealed class LearnerRun(SimulatedLearner learner)
{
    private int _events;

    public SimulatedLearner Learner { get; } = learner;

    public List<LearnerDay> Days { get; } = [];

    /// <summary>Event ids are the learner's id and a running number: a repeat of an item is a new event.</summary>
    public int NextEventNumber() => ++_events;
}
