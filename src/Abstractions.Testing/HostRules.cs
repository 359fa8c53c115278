using System.Globalization;
using System.Reflection;

namespace Attune.Plugins.Testing;

/// <summary>
/// The checks a silo applies to a plugin and to what it returns, with messages that say which rule broke and on
/// which value. In a silo a broken rule means the result is thrown away and the learner gets the baseline; here the
/// <c>Ensure</c> methods throw <see cref="PluginContractException"/> and the <c>Problem</c> methods return the message
/// (or <c>null</c> when all is well), for authors who prefer their framework's assertions.
/// </summary>
/// <remarks>
/// Two checks are stricter than the host of SDK 1.0, so that passing here means passing there: a plan may name each
/// item only once, and a plugin name must follow <see cref="AttunePluginAttribute"/>'s documented form.
/// </remarks>
public static class HostRules
{
    /// <summary>
    /// What is wrong with <see cref="IRecommender.Score"/>'s result, or <c>null</c>: every entry non-null, each score
    /// finite, each (item, course) one of <paramref name="candidates"/> and scored at most once.
    /// </summary>
    public static string? ScoresProblem(IReadOnlyList<ScoredCandidate>? scored, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (scored is null)
        {
            return "Score returned null; return an empty list when nothing is worth recommending.";
        }
        var known = candidates.Select(c => (c.Item, c.Course)).ToHashSet();
        var seen = new HashSet<(ItemId, CourseId)>();
        for (var i = 0; i < scored.Count; i++)
        {
            var s = scored[i];
            if (s?.Candidate is null)
            {
                return $"Score returned a null entry (or one without a candidate) at index {i}.";
            }
            var name = $"{s.Candidate.Item} ({s.Candidate.Course})";
            if (!double.IsFinite(s.Score))
            {
                return $"Score gave {name} the score {s.Score.ToString(CultureInfo.InvariantCulture)}; scores must be finite numbers.";
            }
            if (!known.Contains((s.Candidate.Item, s.Candidate.Course)))
            {
                return $"Score returned {name}, which is not one of the {candidates.Count} candidates "
                    + $"({TestCourse.Describe(candidates.Select(c => $"{c.Item} ({c.Course})"))}).";
            }
            if (!seen.Add((s.Candidate.Item, s.Candidate.Course)))
            {
                return $"Score returned {name} more than once; score each candidate at most once.";
            }
        }
        return null;
    }

    /// <summary>
    /// What is wrong with <see cref="ILearningStrategy.Plan"/>'s result, or <c>null</c>: at most
    /// <see cref="PlanningContext.Limit"/> steps, each for a candidate of <paramref name="context"/> and each item once,
    /// with finite, non-negative minutes, a finite score and a non-empty reason, and all minutes within
    /// <see cref="PlanningContext.BudgetMinutes"/>.
    /// </summary>
    public static string? PlanProblem(LearningPlan? plan, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (plan?.Steps is null)
        {
            return "Plan returned no plan; return a plan with no steps when nothing fits.";
        }
        if (plan.Steps.Count > context.Limit)
        {
            return $"Plan has {plan.Steps.Count} steps, more than the limit of {context.Limit}.";
        }
        var known = context.Candidates.Select(c => (c.Candidate.Item, c.Candidate.Course))
            .Concat(context.Catalog.Select(c => (c.Item, c.Course))).ToHashSet();
        var seen = new HashSet<(ItemId, CourseId)>();
        var total = 0.0;
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            if (step?.Candidate is null)
            {
                return $"Plan step {i + 1} is null or has no candidate.";
            }
            var name = $"step {i + 1} ({step.Candidate.Item} in {step.Candidate.Course})";
            if (!known.Contains((step.Candidate.Item, step.Candidate.Course)))
            {
                return $"Plan {name} is neither one of the {context.Candidates.Count} candidates nor in the catalog "
                    + $"({TestCourse.Describe(context.Candidates.Select(c => $"{c.Candidate.Item} ({c.Candidate.Course})"))}).";
            }
            if (!seen.Add((step.Candidate.Item, step.Candidate.Course)))
            {
                return $"Plan {name} repeats an item already planned; plan each item once.";
            }
            if (!double.IsFinite(step.Minutes) || step.Minutes < 0)
            {
                return $"Plan {name} takes {step.Minutes.ToString(CultureInfo.InvariantCulture)} minutes; minutes must be a finite number of at least 0.";
            }
            if (!double.IsFinite(step.Score))
            {
                return $"Plan {name} has the score {step.Score.ToString(CultureInfo.InvariantCulture)}; scores must be finite numbers.";
            }
            if (string.IsNullOrWhiteSpace(step.Reason))
            {
                return $"Plan {name} has no reason; every step says why, in words a learner understands.";
            }
            total += step.Minutes;
        }
        // The same tolerance as the host: sums of minutes are floating point.
        if (context.BudgetMinutes is { } budget && total > budget + 1e-9)
        {
            return $"Plan takes {total.ToString("0.###", CultureInfo.InvariantCulture)} minutes, "
                + $"over the budget of {budget.ToString("0.###", CultureInfo.InvariantCulture)} minutes.";
        }
        return null;
    }

    /// <summary>What is wrong with <see cref="IRecommender.FoldIn"/>'s result, or <c>null</c>: <c>null</c> (no embedding) or finite values only.</summary>
    public static string? EmbeddingProblem(float[]? embedding)
    {
        if (embedding is null)
        {
            return null;
        }
        var bad = Array.FindIndex(embedding, x => !float.IsFinite(x));
        return bad < 0 ? null : $"FoldIn returned an embedding with {embedding[bad].ToString(CultureInfo.InvariantCulture)} at index {bad}; values must be finite.";
    }

    /// <summary>
    /// What is wrong with <see cref="IDescribesLearner.Describe"/>'s result, or <c>null</c>: both lists present, no
    /// null entries, each skill and item once, every mastery and recall a probability (0 to 1), and every named value
    /// finite with a name. The host leaves a description that breaks a rule out of the learner model.
    /// </summary>
    public static string? DescriptionProblem(LearnerDescription? description)
    {
        if (description?.Skills is null || description.Items is null)
        {
            return "Describe returned no description, or one without its skills or items list; return LearnerDescription.Empty when nothing is known.";
        }
        var skills = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < description.Skills.Count; i++)
        {
            var s = description.Skills[i];
            if (s?.Skill.Value is not { } id)
            {
                return $"Describe returned a null skill entry (or one without a skill id) at index {i}.";
            }
            if (!skills.Add(id))
            {
                return $"Describe listed skill {id} more than once.";
            }
            if (!IsProbability(s.Mastery))
            {
                return $"Describe gave skill {id} the mastery {s.Mastery.ToString(CultureInfo.InvariantCulture)}; mastery is a probability from 0 to 1.";
            }
            if (ValuesProblem(s.Values) is { } problem)
            {
                return $"Describe gave skill {id} {problem}";
            }
        }
        var items = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < description.Items.Count; i++)
        {
            var item = description.Items[i];
            if (item?.Item.Value is not { } id)
            {
                return $"Describe returned a null item entry (or one without an item id) at index {i}.";
            }
            if (!items.Add(id))
            {
                return $"Describe listed item {id} more than once.";
            }
            if ((item.Mastery is { } m && !IsProbability(m)) || (item.Recall is { } r && !IsProbability(r)))
            {
                return $"Describe gave item {id} a mastery or recall outside 0 to 1; both are probabilities.";
            }
            if (ValuesProblem(item.Values) is { } problem)
            {
                return $"Describe gave item {id} {problem}";
            }
        }
        return null;
    }

    /// <summary>
    /// Why the host would refuse to create <paramref name="type"/> as a plugin, or <c>null</c>: it must be a public,
    /// non-abstract class marked <see cref="AttunePluginAttribute"/> with a valid name, implement
    /// <see cref="IRecommender"/> or <see cref="ILearningStrategy"/>, and have a public constructor taking a
    /// <see cref="PluginContext"/> or none.
    /// </summary>
    public static string? PluginTypeProblem(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.GetCustomAttribute<AttunePluginAttribute>() is not { } marker)
        {
            return $"{type.FullName} is not marked [AttunePlugin(\"name\")], so the host would not find it.";
        }
        if (!type.IsVisible || !type.IsClass || type.IsAbstract)
        {
            return $"{type.FullName} must be a public, non-abstract class; the host only looks at exported types.";
        }
        if (!IsValidName(marker.Name))
        {
            return $"{type.FullName} is named '{marker.Name}'; a plugin name is lower-case letters, digits and '-', like 'peer-sequence'.";
        }
        if (!typeof(IRecommender).IsAssignableFrom(type) && !typeof(ILearningStrategy).IsAssignableFrom(type))
        {
            return $"{type.FullName} is marked [AttunePlugin] but implements neither IRecommender nor ILearningStrategy.";
        }
        if (type.GetConstructor([typeof(PluginContext)]) is null && type.GetConstructor(Type.EmptyTypes) is null)
        {
            return $"{type.FullName} needs a public constructor taking PluginContext, or a parameterless one.";
        }
        return null;
    }

    /// <summary>
    /// Why the host of this SDK would refuse <paramref name="assembly"/>, or <c>null</c>: the SDK version it was built
    /// for (its <see cref="AttuneSdkAttribute"/>, else the Attune.Abstractions version it references) must have the
    /// host's major version and at most its minor version.
    /// </summary>
    public static string? SdkVersionProblem(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var declared = assembly.GetCustomAttribute<AttuneSdkAttribute>();
        var sdkName = typeof(IRecommender).Assembly.GetName().Name;
        var referenced = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == sdkName);
        int major, minor;
        if (declared is not null)
        {
            (major, minor) = (declared.Major, declared.Minor);
        }
        else if (referenced?.Version is { } v)
        {
            (major, minor) = (v.Major, v.Minor);
        }
        else
        {
            return $"{assembly.GetName().Name} does not reference {sdkName}.";
        }
        return major != AttuneSdk.Major || minor > AttuneSdk.Minor
            ? $"{assembly.GetName().Name} is built for Attune SDK {major}.{minor}, but this SDK is {AttuneSdk.Major}.{AttuneSdk.Minor}: "
              + "a host loads plugins of its own major version and the same or an older minor version."
            : null;
    }

    /// <summary>Throws when <see cref="ScoresProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The scores break a host rule.</exception>
    public static void EnsureScores(IReadOnlyList<ScoredCandidate>? scored, IReadOnlyList<Candidate> candidates) =>
        Throw(ScoresProblem(scored, candidates));

    /// <summary>Throws when <see cref="PlanProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The plan breaks a host rule.</exception>
    public static void EnsurePlan(LearningPlan? plan, PlanningContext context) => Throw(PlanProblem(plan, context));

    /// <summary>Throws when <see cref="DescriptionProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The description breaks a host rule.</exception>
    public static void EnsureDescription(LearnerDescription? description) => Throw(DescriptionProblem(description));

    /// <summary>Throws when <see cref="EmbeddingProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The embedding has non-finite values.</exception>
    public static void EnsureEmbedding(float[]? embedding) => Throw(EmbeddingProblem(embedding));

    /// <summary>Throws when <see cref="PluginTypeProblem"/> or <see cref="SdkVersionProblem"/> finds a problem.</summary>
    /// <exception cref="PluginContractException">The host would not load the plugin.</exception>
    public static void EnsureLoadable(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Throw(PluginTypeProblem(type) ?? SdkVersionProblem(type.Assembly));
    }

    private static bool IsProbability(double p) => p is >= 0 and <= 1;

    private static string? ValuesProblem(IReadOnlyDictionary<string, double>? values)
    {
        if (values is null)
        {
            return "no values dictionary; leave Values at its empty default instead.";
        }
        foreach (var (name, value) in values)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return "a value without a name.";
            }
            if (!double.IsFinite(value))
            {
                return $"the value {name} = {value.ToString(CultureInfo.InvariantCulture)}; values must be finite numbers.";
            }
        }
        return null;
    }

    private static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static void Throw(string? problem)
    {
        if (problem is not null)
        {
            throw new PluginContractException(problem);
        }
    }
}
