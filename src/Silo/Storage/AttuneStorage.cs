namespace Attune.Silo.Storage;

/// <summary>Names of the Orleans storage providers Attune registers.</summary>
public static class AttuneStorage
{
    /// <summary>Learner grain snapshots.</summary>
    public const string LearnerStore = "learners";
}
