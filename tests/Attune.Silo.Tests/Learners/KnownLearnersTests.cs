using Attune.Learners;
using Attune.Silo.Journal;
using Attune.Silo.Learners;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Silo.Tests.Learners;

/// <summary>Which learners exist, asked of storage before any grain is: made-up ids are answered without being remembered.</summary>
public sealed class KnownLearnersTests : IAsyncLifetime
{
    private static readonly TenantId Uni = new("uni");
    private readonly TempFolder _temp = new();
    private EventJournal _journal = null!;

    public Task InitializeAsync()
    {
        _journal = new EventJournal(Path.Combine(_temp.Path, "journal.db"), TimeProvider.System, NullLogger<EventJournal>.Instance);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ALearnerWithAJournaledEventExistsAndIsRememberedAndOneNeverSeenIsNot()
    {
        await _journal.AppendAsync(Uni, [Events.Make("e1", learner: "alice")]);
        var known = new KnownLearners(_journal);

        Assert.True(await known.ExistsAsync(Uni, new LearnerId("alice")));
        Assert.False(await known.ExistsAsync(Uni, new LearnerId("mallory")));
        Assert.False(await known.ExistsAsync(new TenantId("other"), new LearnerId("alice")));
        Assert.Equal(1, known.Count);
    }

    [Fact]
    public async Task ThousandsOfUnknownIdsLeaveNothingBehind()
    {
        var known = new KnownLearners(_journal);

        for (var i = 0; i < 2_000; i++)
        {
            Assert.False(await known.ExistsAsync(Uni, new LearnerId($"made-up-{i}")));
        }

        Assert.Equal(0, known.Count);
    }

    [Fact]
    public async Task ALearnerWithOnlyAProfileExists()
    {
        await new ProfileStore(_journal, TimeProvider.System).SaveAsync(Uni, new LearnerId("bob"), new LearnerProfile([], [], 30));
        var known = new KnownLearners(_journal);

        Assert.True(await known.ExistsAsync(Uni, new LearnerId("bob")));
    }

    [Fact]
    public async Task AForgottenLearnerIsAskedOfStorageAgain()
    {
        var known = new KnownLearners(_journal);
        known.Add(Uni, new LearnerId("carol"));
        Assert.True(await known.ExistsAsync(Uni, new LearnerId("carol")));

        known.Forget(Uni, new LearnerId("carol"));

        Assert.False(await known.ExistsAsync(Uni, new LearnerId("carol")));
    }

    public async Task DisposeAsync()
    {
        await _journal.DisposeAsync();
        _temp.Dispose();
    }
}
