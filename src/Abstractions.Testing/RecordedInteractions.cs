using System.Runtime.CompilerServices;

namespace Attune.Plugins.Testing;

/// <summary>
/// A tenant's journal in memory, for <see cref="ITrainableRecommender.TrainAsync"/> and <see cref="ITrainableStrategy.TrainAsync"/>: yields the events in the order given,
/// as the host yields the journal in sequence order, and honours cancellation between events.
/// </summary>
public sealed class RecordedInteractions : IInteractionSource
{
    private readonly IReadOnlyList<LearningEvent> _events;

    /// <summary>Wraps the events, in journal order.</summary>
    public RecordedInteractions(IEnumerable<LearningEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = events.ToList();
    }

    /// <summary>How many times <see cref="ReadAsync"/> was started: a trainer should read the journal once.</summary>
    public int Reads { get; private set; }

    /// <inheritdoc />
    public long EstimatedCount => _events.Count;

    /// <inheritdoc />
    public async IAsyncEnumerable<LearningEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Reads++;
        foreach (var e in _events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask;
    }
}
