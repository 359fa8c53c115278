using System.Runtime.CompilerServices;
using Attune.Plugins;
using Attune.Silo.Journal;

namespace Attune.Silo.Models;

/// <summary>
/// A tenant's journal as a recommender's training input: every event in journal order (after one position and up to
/// another, for a time-ordered holdout), read page by page.
/// </summary>
public sealed class JournalInteractionSource(EventJournal journal, TenantId tenant, long upToPosition = long.MaxValue, long afterPosition = 0) : IInteractionSource
{
    private const int PageSize = 20_000;

    public long EstimatedCount { get; } = Math.Max(0, journal.CountTenant(tenant, upToPosition) - (afterPosition > 0 ? journal.CountTenant(tenant, afterPosition) : 0));

    public async IAsyncEnumerable<LearningEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterPosition;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await Task.Run(() => journal.ReadTenant(tenant, after, PageSize), cancellationToken);
            foreach (var (position, e) in page)
            {
                if (position > upToPosition)
                {
                    yield break;
                }
                after = position;
                yield return e;
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
