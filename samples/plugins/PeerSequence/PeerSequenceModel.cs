using Attune.Plugins;

namespace Attune.Samples.PeerSequence;

/// <summary>
/// The trained model: per course and item, where learners went next. Read-only once built, so every grain of a silo
/// can share one instance across threads.
/// </summary>
public sealed class PeerSequenceModel : IRecommenderModel
{
    /// <summary>The artifact format this version writes and reads. A new layout gets a new tag, and LoadModel keeps reading the old ones.</summary>
    public const string Format = "peer-sequence/1";

    private readonly IReadOnlyDictionary<(CourseId Course, ItemId Item), NextSteps> _next;

    private PeerSequenceModel(ModelArtifact artifact, IReadOnlyDictionary<(CourseId, ItemId), NextSteps> next)
    {
        Artifact = artifact;
        _next = next;
    }

    /// <inheritdoc />
    public ModelArtifact Artifact { get; }

    /// <summary>How many (course, item) pairs the model knows next steps for.</summary>
    public int Items => _next.Count;

    /// <summary>Where learners went after <paramref name="item"/> in <paramref name="course"/>, or <c>null</c> if nobody went on from it.</summary>
    public NextSteps? After(CourseId course, ItemId item) => _next.GetValueOrDefault((course, item));

    /// <summary>Serializes counts into artifact bytes. Keys are written in ordinal order, so the same journal gives the same bytes.</summary>
    public static byte[] Write(IReadOnlyDictionary<(CourseId Course, ItemId Item), NextSteps> next)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            var byCourse = next.GroupBy(p => p.Key.Course).OrderBy(g => g.Key.Value, StringComparer.Ordinal).ToList();
            w.Write(byCourse.Count);
            foreach (var course in byCourse)
            {
                w.Write(course.Key.Value);
                var items = course.OrderBy(p => p.Key.Item.Value, StringComparer.Ordinal).ToList();
                w.Write(items.Count);
                foreach (var (key, steps) in items)
                {
                    w.Write(key.Item.Value);
                    w.Write(steps.MovedOn);
                    w.Write(steps.Next.Count);
                    foreach (var (to, count) in steps.Next.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Value, StringComparer.Ordinal))
                    {
                        w.Write(to.Value);
                        w.Write(count);
                    }
                }
            }
        }
        return stream.ToArray();
    }

    /// <summary>Reads an artifact written by <see cref="Write"/>.</summary>
    /// <exception cref="FormatException">The artifact has another format or is corrupt; the host keeps serving without it.</exception>
    public static PeerSequenceModel Read(ModelArtifact artifact)
    {
        if (artifact.Format != Format)
        {
            throw new FormatException($"peer-sequence reads model format {Format}, not '{artifact.Format}'.");
        }
        var next = new Dictionary<(CourseId, ItemId), NextSteps>();
        using var r = new BinaryReader(new MemoryStream(artifact.Data, writable: false));
        try
        {
            for (var courses = r.ReadInt32(); courses > 0; courses--)
            {
                var course = new CourseId(r.ReadString());
                for (var items = r.ReadInt32(); items > 0; items--)
                {
                    var item = new ItemId(r.ReadString());
                    var movedOn = r.ReadInt32();
                    var to = new Dictionary<ItemId, int>();
                    for (var n = r.ReadInt32(); n > 0; n--)
                    {
                        to[new ItemId(r.ReadString())] = r.ReadInt32();
                    }
                    next[(course, item)] = new NextSteps(movedOn, to);
                }
            }
            if (r.BaseStream.Position != r.BaseStream.Length)
            {
                throw new FormatException("peer-sequence model has bytes after its end.");
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new FormatException("peer-sequence model is truncated.", ex);
        }
        return new PeerSequenceModel(artifact, next);
    }
}
