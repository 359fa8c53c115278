using System.Globalization;
using Attune.Plugins;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>
/// A six-unit mathematics course: four skills per unit, each with a lesson and two practice sets, and a unit test;
/// units due every five days. Each skill builds on the previous skill of its unit, and each unit's first skill (and
/// some others) on skills of the unit before. Popularity (classmates who engaged) falls along the course, as it does
/// in real cohorts, and practice is engaged with less than lessons.
/// </summary>
internal sealed class SyntheticCourse
{
    public const int Classmates = 100;

    private static readonly string[][] Names =
    [
        ["place value", "rounding", "addition", "subtraction"],
        ["multiplication", "division", "factors", "primes"],
        ["fractions", "equivalent fractions", "adding fractions", "multiplying fractions"],
        ["decimals", "percentages", "ratios", "proportions"],
        ["expressions", "equations", "inequalities", "linear functions"],
        ["slope", "systems of equations", "quadratics", "exponents"],
    ];

    public SyntheticCourse(DateTimeOffset start, int seed)
    {
        Start = start;
        Id = new CourseId("math101");
        var random = new Random(seed);
        var skills = new List<SkillSpec>();
        for (var u = 0; u < Names.Length; u++)
        {
            for (var j = 0; j < Names[u].Length; j++)
            {
                var pre = new List<string>();
                if (j > 0)
                {
                    pre.Add(Names[u][j - 1]);
                }
                if (u > 0 && (j == 0 || random.NextDouble() < 0.35))
                {
                    var from = Names[u - 1][random.Next(Names[u - 1].Length)];
                    if (!pre.Contains(from))
                    {
                        pre.Add(from);
                    }
                }
                skills.Add(new SkillSpec(Names[u][j], u, pre));
            }
        }
        Skills = skills;

        var items = new List<ItemSpec>();
        var position = 0;
        foreach (var unit in skills.GroupBy(s => s.Unit))
        {
            var due = start.AddDays(5 * (unit.Key + 1)).AddHours(23 - start.Hour);
            foreach (var skill in unit)
            {
                items.Add(Item($"lesson: {skill.Id}", ItemKind.Lesson, 15 + 5 * random.Next(3), [skill.Id], unit.Key, position++, due, random));
                items.Add(Item($"practice: {skill.Id} A", ItemKind.Practice, 8 + 2 * random.Next(3), [skill.Id], unit.Key, position++, due, random));
                items.Add(Item($"practice: {skill.Id} B", ItemKind.Practice, 8 + 2 * random.Next(3), [skill.Id], unit.Key, position++, due, random));
            }
            items.Add(Item($"unit test {unit.Key + 1}", ItemKind.Test, 20, unit.Select(s => s.Id).ToList(), unit.Key, position++, due, random));
        }
        Items = items;
    }

    public CourseId Id { get; }

    public DateTimeOffset Start { get; }

    public IReadOnlyList<SkillSpec> Skills { get; }

    /// <summary>Items in the course's own order.</summary>
    public IReadOnlyList<ItemSpec> Items { get; }

    public double TotalMinutes => Items.Sum(i => i.Minutes);

    /// <summary>The course designer's prerequisites, as the knowledge-tracing settings take them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> PrerequisiteSettings(string prefix = "") =>
        Skills.Where(s => s.Prerequisites.Count > 0)
            .Select(s => new KeyValuePair<string, string?>($"{prefix}Prerequisites:{s.Id}", string.Join(",", s.Prerequisites)));

    private ItemSpec Item(string id, ItemKind kind, double minutes, IReadOnlyList<string> skills, int unit, int position, DateTimeOffset due, Random random)
    {
        var typeFactor = kind switch { ItemKind.Lesson => 1.0, ItemKind.Practice => 0.7, _ => 0.9 };
        var peers = (int)Math.Round(Classmates * Math.Pow(0.975, position) * typeFactor + random.Next(-4, 5));
        var candidate = new Candidate(new ItemId(id), Id, id, kind switch { ItemKind.Lesson => "page", ItemKind.Practice => "quiz", _ => "assign" },
            minutes, due, skills.Select(s => new SkillId(s)).ToList(), Math.Clamp(peers, 0, Classmates), Classmates);
        return new ItemSpec(id, kind, minutes, skills, unit, position, random.NextDouble() * 0.2 - 0.1, candidate);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Skills.Count} skills in {Skills.Max(s => s.Unit) + 1} units, {Items.Count} items, {TotalMinutes / 60:0.#} h of material");
}
