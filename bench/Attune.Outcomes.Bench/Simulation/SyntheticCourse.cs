using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Attune.Outcomes.Bench.Simulation;

/// <summary>
/// A simulated course of one <see cref="CourseFamily"/>: its skills (with their prerequisites), its items (with their
/// true teaching values) and its catalog order. Built deterministically from the family and the seed.
/// </summary>
public sealed class SyntheticCourse
{
    // The ten-skill block: a chain 0→1→2→3→4, a branch 2→5→6, joined at 7 (on 4 and 6), then 8 and 9.
    private static readonly int[][] BlockPrerequisites = [[], [0], [1], [2], [3], [2], [5], [4, 6], [7], [8]];
    private static readonly double[] BlockPriorKnown = [0.35, 0.3, 0.15, 0.1, 0.05, 0.1, 0.05, 0, 0, 0];

    // Per kind: mean teaching value, estimated minutes, questions.
    private static readonly (ItemKind Kind, double Value, double Minutes, int Questions)[] Kinds =
    [
        (ItemKind.Lesson, 0.9, 15, 0),
        (ItemKind.Video, 0.12, 12, 0),
        (ItemKind.Drill, 0.7, 10, 6),
        (ItemKind.Quiz, 0.3, 6, 5),
    ];

    private SyntheticCourse(CourseFamily family, IReadOnlyList<HiddenSkill> skills, IReadOnlyList<HiddenItem> items)
    {
        Family = family;
        Skills = skills;
        Items = items;
        ById = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    public CourseFamily Family { get; }

    public string Id => Family.Key;

    public HiddenWorld World => Family.World;

    public IReadOnlyList<HiddenSkill> Skills { get; }

    /// <summary>Items by index; <see cref="InCatalogOrder"/> lists them by position.</summary>
    public IReadOnlyList<HiddenItem> Items { get; }

    public IReadOnlyDictionary<string, HiddenItem> ById { get; }

    public IEnumerable<HiddenItem> InCatalogOrder => Items.OrderBy(i => i.Position);

    public static SyntheticCourse Build(CourseFamily family, int seed)
    {
        var random = new Random(StableSeed(seed, StableHash(family.Key)));
        var skills = new List<HiddenSkill>();
        for (var b = 0; b < family.Blocks; b++)
        {
            for (var i = 0; i < BlockPrerequisites.Length; i++)
            {
                var index = b * BlockPrerequisites.Length + i;
                IReadOnlyList<int> pre = [.. BlockPrerequisites[i].Select(p => b * BlockPrerequisites.Length + p)];
                if (b > 0 && i == 0)
                {
                    pre = [index - 1]; // each block rests on the end of the one before
                }
                skills.Add(new HiddenSkill(index, "k" + Opaque($"{family.Key}/{seed}/skill/{index}")[..6], pre, b == 0 ? BlockPriorKnown[i] : 0));
            }
        }

        // The catalog's order of skills: sound (the index order is topological) or shuffled.
        var skillOrder = Enumerable.Range(0, skills.Count).ToArray();
        if (family.PoorOrder)
        {
            random.Shuffle(skillOrder);
        }
        var kindOrder = family.PoorOrder
            ? new[] { ItemKind.Quiz, ItemKind.Drill, ItemKind.Video, ItemKind.Lesson }
            : [ItemKind.Lesson, ItemKind.Video, ItemKind.Drill, ItemKind.Quiz];
        var unitSize = Math.Max(1, skills.Count / 4 + (skills.Count % 4 == 0 ? 0 : 1));
        var items = new List<HiddenItem>();
        var position = 0;
        for (var rank = 0; rank < skillOrder.Length; rank++)
        {
            var skill = skillOrder[rank];
            var values = Kinds.Select(k => k.Value).ToArray();
            if (family.KindsMislead)
            {
                random.Shuffle(values);
            }
            foreach (var kind in kindOrder)
            {
                var k = Array.FindIndex(Kinds, x => x.Kind == kind);
                var spec = Kinds[k];
                var value = values[k] * Math.Exp(0.3 * Gaussian(random));
                var minutes = Math.Max(2, Math.Round(spec.Minutes * family.MinutesScale * Math.Exp(0.15 * Gaussian(random))));
                var difficulty = 0.08 * Gaussian(random);
                var title = kind switch
                {
                    ItemKind.Lesson => "Lesson",
                    ItemKind.Video => "Extra video",
                    ItemKind.Drill => "Practice",
                    _ => "Quiz",
                } + " " + (rank + 1).ToString(CultureInfo.InvariantCulture);
                items.Add(new HiddenItem(items.Count, Opaque($"{family.Key}/{seed}/item/{skill}/{kind}")[..8], title, kind, skill, value,
                    minutes, spec.Questions, difficulty, position++, $"Unit {rank / unitSize + 1}"));
            }
        }
        return new SyntheticCourse(family, skills, items);
    }

    /// <summary>Each learner's prior knowledge, ability, memory and speed, from the seed and the learner's number.</summary>
    public LearnerTraits Traits(int seed, int learner)
    {
        var random = new Random(StableSeed(seed, StableHash(Family.Key), learner, 0x7a175));
        var ability = Math.Exp(0.25 * Gaussian(random));
        var memory = Math.Exp(0.3 * Gaussian(random));
        var speed = Math.Clamp(Math.Exp(World.SpeedSpread * Gaussian(random)), 0.35, 3);
        var prior = Skills.Select(s => random.NextDouble() < s.PriorKnownShare ? 0.35 + 0.3 * random.NextDouble() : 0.05 * random.NextDouble()).ToArray();
        return new LearnerTraits(ability, memory, speed, prior);
    }

    /// <summary>The catalog as an LMS sends it: <c>PUT /api/v1/courses/{course}/items</c>.</summary>
    public object Catalog()
    {
        var lessonOf = Items.Where(i => i.Kind == ItemKind.Lesson).ToDictionary(i => i.Skill, i => i.Id);
        return new
        {
            items = InCatalogOrder.Select(i => new CatalogItemJson(
                i.Id, i.Title, i.Kind.ToString().ToLowerInvariant(), i.EstimatedMinutes, [Skills[i.Skill].Id], i.Position, i.Section,
                Family.GivesPrerequisites ? [.. Skills[i.Skill].Prerequisites.Select(p => Skills[p].Id)] : null,
                Family.GivesPrerequisites ? ItemPrerequisites(i, lessonOf) : null,
                i.Kind switch
                {
                    ItemKind.Lesson or ItemKind.Video => new CompletionJson("view", null),
                    ItemKind.Quiz => new CompletionJson("grade", null),
                    _ => null,
                })).ToList(),
        };
    }

    /// <summary>A lesson rests on the lessons of its skill's prerequisites; the skill's drill and quiz on its lesson.</summary>
    private IReadOnlyList<string> ItemPrerequisites(HiddenItem item, Dictionary<int, string> lessonOf) => item.Kind switch
    {
        ItemKind.Lesson => [.. Skills[item.Skill].Prerequisites.Select(p => lessonOf[p])],
        ItemKind.Drill or ItemKind.Quiz => [lessonOf[item.Skill]],
        _ => [],
    };

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// A seed from several numbers that is the same in every process: <see cref="HashCode.Combine{T1,T2}"/> is randomised per
    /// process, and a seed drawn from it would give every run other courses and other learners.
    /// </summary>
    public static int StableSeed(params int[] parts) =>
        BitConverter.ToInt32(SHA256.HashData(parts.SelectMany(BitConverter.GetBytes).ToArray()));

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process).</summary>
    public static int StableHash(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Opaque(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
