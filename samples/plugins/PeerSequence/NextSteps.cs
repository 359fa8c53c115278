namespace Attune.Samples.PeerSequence;

/// <summary>Where learners went after one item of a course: how many went on at all, and how many to each next item.</summary>
/// <param name="MovedOn">Learners who engaged with some other item of the course after this one.</param>
/// <param name="Next">The most common next items, each with how many learners went there next, most common first.</param>
public sealed record NextSteps(int MovedOn, IReadOnlyDictionary<ItemId, int> Next)
{
    /// <summary>How many learners went from the item straight to <paramref name="item"/>.</summary>
    public int To(ItemId item) => Next.GetValueOrDefault(item);
}
