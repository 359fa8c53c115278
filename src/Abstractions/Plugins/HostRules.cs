using System.Globalization;
using System.Reflection;

namespace Attune.Plugins;

/// <summary>
/// The rules a host holds a plugin and its results to, with messages that say which rule broke and on which value.
/// The silo applies exactly these: a result that breaks one is thrown away, the learner gets the baseline (or the
/// strategy is skipped) and admins see the message; a plugin that breaks a load rule is not loaded. The test kit
/// (<c>Attune.Abstractions.Testing</c>) applies them too, so passing there means passing in a silo.
/// </summary>
/// <remarks>
/// Each method returns the problem in words, or <c>null</c> when all is well. They live in the SDK, beside the
/// contracts they guard, so a plugin author can read them and a change to them is a change to the SDK.
/// </remarks>
public static class HostRules
{
    /// <summary>Minutes sum in floating point: a plan may exceed its budget by this much and still fit.</summary>
    public const double BudgetTolerance = 1e-9;

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
                return $"Score returned unknown item {name}, which is not one of the {candidates.Count} candidates "
                    + $"({List(candidates.Select(c => $"{c.Item} ({c.Course})"))}).";
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
    /// <see cref="PlanningContext.Limit"/> steps, each for a candidate or a catalog item of <paramref name="context"/> and
    /// each item once, with finite, non-negative minutes, a finite score and a non-empty reason, and all minutes within
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
        var known = context.Candidates.Where(c => c?.Candidate is not null).Select(c => (c.Candidate.Item, c.Candidate.Course))
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
                    + $"({List(context.Candidates.Select(c => $"{c.Candidate.Item} ({c.Candidate.Course})"))}).";
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
        if (context.BudgetMinutes is { } budget && total > budget + BudgetTolerance)
        {
            return $"Plan takes {total.ToString("0.###", CultureInfo.InvariantCulture)} minutes, "
                + $"over the budget of {budget.ToString("0.###", CultureInfo.InvariantCulture)} minutes.";
        }
        return null;
    }

    /// <summary>What is wrong with <see cref="IEmbedsLearner.FoldIn"/>'s result, or <c>null</c>: <c>null</c> (no embedding) or finite values only.</summary>
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
    /// What is wrong with a trained artifact, or <c>null</c>: data, a format and metrics present, every metric finite,
    /// and (when <paramref name="pluginName"/> is given) <see cref="ModelArtifact.Plugin"/> naming the plugin that trained it.
    /// </summary>
    public static string? ArtifactProblem(ModelArtifact? artifact, string? pluginName)
    {
        if (artifact is null)
        {
            return null;
        }
        if (artifact.Data is null || string.IsNullOrWhiteSpace(artifact.Format) || artifact.Metrics is null)
        {
            return "TrainAsync returned an artifact without data, format or metrics; the host stores all three.";
        }
        if (pluginName is not null && artifact.Plugin != pluginName)
        {
            return $"TrainAsync returned an artifact of '{artifact.Plugin}', but the plugin is named '{pluginName}'.";
        }
        foreach (var (name, value) in artifact.Metrics)
        {
            if (!double.IsFinite(value))
            {
                return $"TrainAsync returned the metric {name} = {value.ToString(CultureInfo.InvariantCulture)}; metrics must be finite.";
            }
        }
        return null;
    }

    /// <summary>What is wrong with one progress report of a training, or <c>null</c>: a named phase and a percentage from 0 to 100.</summary>
    public static string? ProgressProblem(TrainingProgress? progress) =>
        progress is null ? "TrainAsync reported null progress."
        : !double.IsFinite(progress.Percent) || progress.Percent is < 0 or > 100 || string.IsNullOrWhiteSpace(progress.Phase)
            ? $"TrainAsync reported {progress.Percent.ToString(CultureInfo.InvariantCulture)}% in phase '{progress.Phase}'; progress is a named phase and a percentage from 0 to 100."
            : null;

    /// <summary>Whether <paramref name="name"/> is a valid plugin name: lower-case ASCII letters, digits and '-', like <c>peer-sequence</c>.</summary>
    public static bool IsValidPluginName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>
    /// Why a host would refuse to create <paramref name="type"/> as a plugin, or <c>null</c>: it must be a public,
    /// non-abstract class marked <see cref="AttunePluginAttribute"/> with a valid name (<see cref="IsValidPluginName"/>),
    /// implement <see cref="IRecommender"/> or <see cref="ILearningStrategy"/>, and have a public constructor taking a
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
        if (!IsValidPluginName(marker.Name))
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
    /// Why a host of this SDK would refuse <paramref name="assembly"/>, or <c>null</c>. The SDK version it was built for
    /// (its <see cref="AttuneSdkAttribute"/>, else the version of the Attune.Abstractions assembly it references) must
    /// have this SDK's major version (<see cref="AttuneSdk.Major"/>) and at most its minor version.
    /// </summary>
    public static string? SdkVersionProblem(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var declared = assembly.GetCustomAttribute<AttuneSdkAttribute>();
        var sdkName = typeof(HostRules).Assembly.GetName().Name;
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
        var host = $"{AttuneSdk.Major}.{AttuneSdk.Minor}";
        if (major < AttuneSdk.Major)
        {
            return $"{assembly.GetName().Name} was built for Attune SDK {major}.{minor}; this host runs SDK {host} — rebuild it against {sdkName} {host}.";
        }
        if (major > AttuneSdk.Major || minor > AttuneSdk.Minor)
        {
            return $"{assembly.GetName().Name} was built for Attune SDK {major}.{minor}; this host runs SDK {host} — "
                + $"run it on a host of SDK {major}.{minor} or later, or rebuild it against {sdkName} {host}.";
        }
        return null;
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

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "no items" : string.Join(", ", list.Take(10)) + (list.Count > 10 ? $" and {list.Count - 10} more" : "");
    }
}
