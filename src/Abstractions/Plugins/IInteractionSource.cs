namespace Attune.Plugins;

/// <summary>Read access to a tenant's journal for training.</summary>
public interface IInteractionSource
{
    /// <summary>Roughly how many events <see cref="ReadAsync"/> yields, for progress reporting.</summary>
    long EstimatedCount { get; }

    /// <summary>Every event of the tenant in journal order (which is not timestamp order).</summary>
    IAsyncEnumerable<LearningEvent> ReadAsync(CancellationToken cancellationToken);
}
