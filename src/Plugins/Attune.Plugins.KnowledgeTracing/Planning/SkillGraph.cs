using Attune.Plugins;

namespace Attune.Plugins.KnowledgeTracing.Planning;

/// <summary>
/// What a course designer says about skills: prerequisites (<c>Prerequisites:&lt;skill&gt; = "a,b"</c>) and names to
/// show learners (<c>SkillNames:&lt;skill&gt; = "Fractions"</c>). The SDK's candidates carry skills but no
/// prerequisites, so these come from the plugin's settings until the catalog can say them.
/// </summary>
public sealed class SkillGraph
{
    private static readonly IReadOnlyList<string> None = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _prerequisites;
    private readonly Dictionary<string, string> _names;

    /// <summary>Creates a graph from prerequisite lists and names.</summary>
    public SkillGraph(IReadOnlyDictionary<string, IReadOnlyList<string>> prerequisites, IReadOnlyDictionary<string, string> names)
    {
        _prerequisites = new Dictionary<string, IReadOnlyList<string>>(prerequisites, StringComparer.Ordinal);
        _names = new Dictionary<string, string>(names, StringComparer.Ordinal);
        Dependents = _prerequisites
            .SelectMany(p => p.Value.Select(pre => (Pre: pre, Skill: p.Key)))
            .GroupBy(p => p.Pre, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Skill).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>No prerequisites, no names.</summary>
    public static SkillGraph Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>());

    /// <summary>Skills that list a skill as a prerequisite.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dependents { get; }

    /// <summary>Whether any prerequisite is known.</summary>
    public bool HasPrerequisites => _prerequisites.Count > 0;

    /// <summary>The prerequisites of <paramref name="skill"/>.</summary>
    public IReadOnlyList<string> PrerequisitesOf(string skill) => _prerequisites.GetValueOrDefault(skill) ?? None;

    /// <summary>The skills that need <paramref name="skill"/>.</summary>
    public IReadOnlyList<string> DependentsOf(string skill) => Dependents.GetValueOrDefault(skill) ?? None;

    /// <summary>The name to show for <paramref name="skill"/>: its configured name, else its id.</summary>
    public string NameOf(string skill) => _names.GetValueOrDefault(skill) ?? skill;

    /// <summary>Reads <c>Prerequisites:&lt;skill&gt;</c> and <c>SkillNames:&lt;skill&gt;</c> (skill ids may contain ':').</summary>
    public static SkillGraph FromSettings(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var prerequisites = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in settings.Values)
        {
            if (value is null)
            {
                continue;
            }
            if (key.StartsWith("Prerequisites:", StringComparison.OrdinalIgnoreCase) && key.Length > "Prerequisites:".Length)
            {
                prerequisites[key["Prerequisites:".Length..]] =
                    value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            }
            else if (key.StartsWith("SkillNames:", StringComparison.OrdinalIgnoreCase) && key.Length > "SkillNames:".Length && value.Trim().Length > 0)
            {
                names[key["SkillNames:".Length..]] = value.Trim();
            }
        }
        return new SkillGraph(prerequisites, names);
    }

    /// <summary>Why this graph cannot work (a prerequisite cycle), or <c>null</c>.</summary>
    public string? Problem()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        foreach (var skill in _prerequisites.Keys.Order(StringComparer.Ordinal))
        {
            if (Cycle(skill, state) is { } at)
            {
                return $"the prerequisites of '{at}' form a cycle";
            }
        }
        return null;
    }

    private string? Cycle(string skill, Dictionary<string, int> state)
    {
        switch (state.GetValueOrDefault(skill))
        {
            case 1:
                return skill;
            case 2:
                return null;
        }
        state[skill] = 1;
        foreach (var pre in PrerequisitesOf(skill))
        {
            if (Cycle(pre, state) is { } at)
            {
                return at;
            }
        }
        state[skill] = 2;
        return null;
    }
}
