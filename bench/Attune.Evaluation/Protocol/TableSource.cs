using System.Runtime.CompilerServices;
using Attune.Evaluation.Datasets;
using Attune.Plugins;

namespace Attune.Evaluation.Protocol;

/// <summary>The chosen rows of a table as the journal the host would hand to <see cref="IRecommender.TrainAsync"/>.</summary>
public sealed class TableSource(InteractionTable table, int[] rows, EventKind? kind = null) : IInteractionSource
{
    public long EstimatedCount => rows.Length;

    public async IAsyncEnumerable<LearningEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Journal order is time order, as the host's journal would give it.
        foreach (var r in rows.OrderBy(r => table.Rows[r].Ticks).ThenBy(r => r))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return table.Event(r, kind);
        }
        await Task.CompletedTask;
    }
}
