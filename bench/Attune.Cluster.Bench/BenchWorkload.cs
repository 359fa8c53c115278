using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>
/// The OULAD events of the measured pass as ready-made <c>POST /api/v1/events</c> bodies (written once, so the clients
/// spend their CPU sending), the learners they touch, and fresh copies of the same batches for the load of the kill.
/// </summary>
public sealed class BenchWorkload
{
    private readonly List<LearningEvent[]> _batches;

    private BenchWorkload(OuladWorkload oulad, int batchSize)
    {
        Oulad = oulad;
        _batches = oulad.Batches(batchSize);
        Bodies = _batches.Select(EventBatchJson.Write).ToArray();
        Sizes = _batches.Select(b => b.Length).ToArray();
        // With a small --events only some of the chosen learners have events; only those have a model to ask for.
        var withEvents = oulad.Events.Select(e => e.Learner.Value).ToHashSet(StringComparer.Ordinal);
        Learners = oulad.CourseOfLearner.Where(l => withEvents.Contains(l.Key)).Select(l => (l.Key, l.Value)).ToArray();
    }

    public OuladWorkload Oulad { get; }

    public byte[][] Bodies { get; }

    public int[] Sizes { get; }

    public long Bytes => Bodies.Sum(b => (long)b.Length);

    /// <summary>Every learner with at least one event in the measured pass, with the course recommendations are asked for.</summary>
    public (string Learner, string Course)[] Learners { get; }

    public static BenchWorkload Load(string dataFolder, int learners, int events, int batchSize) =>
        new(OuladWorkload.Load(dataFolder, learners, events), batchSize);

    /// <summary>
    /// Batch <paramref name="k"/> of an endless load after the measured pass: the measured batches over and over, each
    /// round's events with ids of their own (<c>…-after1</c>, <c>…-after2</c>, …) so the journal takes them as new.
    /// </summary>
    public (byte[] Body, int Events) Replay(int k)
    {
        var round = k / _batches.Count + 1;
        var batch = _batches[k % _batches.Count]
            .Select(e => new LearningEvent($"{e.Id}-after{round}", e.Learner, e.Item, e.Kind, e.Timestamp, e.Course, e.Score, e.DurationSeconds, e.Skills, e.Source))
            .ToArray();
        return (EventBatchJson.Write(batch), batch.Length);
    }
}
