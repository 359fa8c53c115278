using System.Globalization;
using Attune.Plugins.StudyPlanner.Learners;
using Attune.Plugins.StudyPlanner.Learning;

namespace Attune.Plugins.StudyPlanner.Planning;

/// <summary>
/// A step's reason in words a learner reads: what the step is for (learn, practise, review), what the estimate rests on
/// (the learner's answers or not yet any, the prerequisites and where they come from, what such sessions did for other
/// learners), and a deadline when there is one.
/// </summary>
internal static class StepWording
{
    public static string Check(string skill, double now, SkillBelief? belief) => belief is { Answers: > 0 }
        ? $"Check {skill}: estimated mastery {Percent(now)}, but you have studied it since your last answers; a few answers show whether to move on."
        : $"Check {skill}: estimated mastery {Percent(now)}, a guess until you answer something on it; if you know it already, you can skip ahead.";

    public static string What(string skill, double planned, double now, bool finished, SkillBelief? belief)
    {
        var basis = belief is { Answers: > 0 } b
            ? $" from your {Count(b.Answers, "answer")}"
            : belief is { Sessions: > 0 } ? " from your study so far, with no answers yet" : ", as you have not worked on it yet";
        if (finished && belief is { } seen && now < 0.9 * seen.Known)
        {
            return $"Review {skill}: it has faded to about {Percent(now)} since you last worked on it on {Date(new DateTimeOffset(seen.LastTicks, TimeSpan.Zero))}.";
        }
        if (belief is { Answers: > 0 } && now >= 0.3)
        {
            return $"Practise {skill}: estimated mastery {Percent(now)}{basis}.";
        }
        return planned > now + 0.01
            ? $"Learn {skill} next, building on the step before: estimated mastery {Percent(now)}{basis}."
            : $"Learn {skill}: estimated mastery {Percent(now)}{basis}.";
    }

    public static string Prerequisites(IReadOnlyList<(string Key, double Weight, PrerequisiteSource Source)> requires, IReadOnlyDictionary<string, double> mastery, double readyAt, string? closedBy)
    {
        if (closedBy is not null)
        {
            return $" Nothing else fits today, though the course opens this after {closedBy}, which you have not finished.";
        }
        if (requires.Count == 0)
        {
            return "";
        }
        var parts = requires.Select(r => (r.Key, M: mastery.TryGetValue(r.Key, out var m) ? m : 0, r.Source)).ToList();
        var missing = parts.Where(p => p.M < readyAt).ToList();
        var source = parts[0].Source switch
        {
            PrerequisiteSource.Course => "the course says",
            PrerequisiteSource.Inferred => "other learners' results show",
            _ => "it comes after it in the course",
        };
        return missing.Count == 0
            ? $" It builds on {List(parts.Select(p => $"{Name(p.Key)} ({Percent(p.M)})"))}, which you know ({source})."
            : $" Nothing better fits today, though it builds on {List(missing.Select(p => $"{Name(p.Key)} ({Percent(p.M)})"))}, not mastered yet ({source}).";
    }

    /// <summary>Why a practice comes before the course's next step.</summary>
    public static string Before(string next) =>
        $" Practise it before {next}, next in the course, which builds on it: your answers do not show it ready yet.";

    public static string Evidence(Candidate c, LearningModel model)
    {
        var rate = model.LearnFor(c.Item.Value, c.Kind, c.Minutes);
        if (model.Items.TryGetValue(c.Item.Value, out var e) && e.Learners >= 3)
        {
            return $" One session teaches it to about {Percent(rate)} of learners who do not know it yet, going by {Count(e.Learners, "learner")} here.";
        }
        if (c.Kind is { } kind && model.Kinds.ContainsKey(kind.ToLowerInvariant()))
        {
            return $" Learners here learned about {Percent(rate)} per session from items of this kind ({kind}); this one has little data yet.";
        }
        return " Nobody's results on it are known yet, so its value is a first guess.";
    }

    public static string Begin(double minutes, double whole) =>
        $" Start it today: about {minutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} of its {whole.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} minutes fit; pick it up where you stopped next time.";

    public static string Due(DateTimeOffset due, DateTimeOffset now) =>
        due < now ? $" Overdue since {Date(due)}." : $" Due {Date(due)}.";

    private static string Name(string key) => StudyTracer.IsItemKey(key) ? key[StudyTracer.ItemKeyPrefix.Length..] : key;

    private static string List(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Percent(double p) => (Math.Round(100 * p)).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("d MMM", CultureInfo.InvariantCulture);
}
