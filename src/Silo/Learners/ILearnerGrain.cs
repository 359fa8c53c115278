using Attune.Silo.Journal;

namespace Attune.Silo.Learners;

/// <summary>One learner of one tenant, keyed <c>tenant/learner</c> (see <see cref="LearnerKey"/>).</summary>
public interface ILearnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies journaled events. Entries at or below the last applied sequence are ignored; a gap is filled from
    /// the journal first. So repeated, reordered or lost dispatches all converge to the same state.
    /// </summary>
    Task ApplyAsync(JournalEntry[] entries);

    /// <summary>The learner model, or <c>null</c> for a learner the journal has never seen.</summary>
    Task<LearnerModel?> GetModelAsync();

    Task<RecommendationList> RecommendAsync(RecommendationRequest request);

    /// <summary>Replaces the learner's profile; durable when the call returns.</summary>
    Task SetProfileAsync(ProfileView profile);

    Task<ProfileView> GetProfileAsync();

    /// <summary>
    /// Forgets everything applied and applies the learner's journal again from the start, then snapshots: for a learner
    /// whose journal a repair rewrote (events re-keyed onto or away from them), which in-order application cannot follow.
    /// </summary>
    Task RebuildAsync();

    /// <summary>Refolds the learner's embeddings against the models serving now (called when a new version is published).</summary>
    Task RefoldAsync();
}
