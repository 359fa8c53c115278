using Attune.Plugins.StudyPlanner.Learners;

namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>
/// The rules the study planner traces a learner by, shared by the strategy's observe and the fitter
/// (<see cref="LearningModelFitter"/>) so that what is fitted is exactly what is traced:
/// <list type="bullet">
/// <item>the first event on an item after <see cref="StudyPlannerOptions.SessionGapMinutes"/> without one opens a
/// <b>session</b>, one learning opportunity for each of the item's skills;</item>
/// <item>every scored event is <b>evidence</b> on the item's skills: Bayes' rule with a soft answer y = score,
/// P(y | known) = (1 − S)^y·S^(1 − y) and P(y | unknown) = G^y·(1 − G)^(1 − y), so a quiz graded 0.7 counts as
/// 0.7 of a right answer;</item>
/// <item>a session's learning is counted once its answers are in, P(L) ← P(L) + (1 − P(L))·T_item, then a known skill
/// survives each day without practice with 1 − F.</item>
/// </list>
/// This is Bayesian Knowledge Tracing (Corbett &amp; Anderson 1995; evidence, then learning, then forgetting) with the
/// learning rate a property of the activity rather than of the skill, as in the item-effect models of Pardos &amp;
/// Heffernan (2009): what lets the fit say which activities teach and which only take time. A quiz's own answers show
/// what the learner knew before it, so it earns credit only for what later answers show.
/// </summary>
internal sealed class StudyTracer(StudyPlannerOptions options)
{
    /// <summary>Marks a key that stands for an item without skills, traced as its own skill.</summary>
    public const string ItemKeyPrefix = "\u0001";

    private readonly long _sessionGapTicks = (long)(options.SessionGapMinutes * TimeSpan.TicksPerMinute);

    public StudyPlannerOptions Options { get; } = options;

    /// <summary>The keys an item updates: its skills, or the item itself when it names none.</summary>
    public static IReadOnlyList<string> KeysOf(string item, IReadOnlyList<SkillId> skills)
    {
        if (skills.Count == 0)
        {
            return [ItemKeyPrefix + item];
        }
        var keys = new List<string>(skills.Count);
        foreach (var s in skills)
        {
            if (!keys.Contains(s.Value))
            {
                keys.Add(s.Value);
            }
        }
        return keys;
    }

    public static bool IsItemKey(string key) => key.StartsWith(ItemKeyPrefix, StringComparison.Ordinal);

    /// <summary>Whether an event at <paramref name="ticks"/> opens a new session on an item last seen as <paramref name="seen"/>.</summary>
    public bool OpensSession(ItemSessions seen, long ticks) => seen.Sessions == 0 || ticks - seen.LastTicks >= _sessionGapTicks;

    /// <summary>Folds one event into <paramref name="state"/>.</summary>
    public void Observe(StudyState state, LearningEvent e, LearningModel model)
    {
        var item = e.Item.Value;
        var ticks = e.Timestamp.UtcTicks;
        state.Items.TryGetValue(item, out var seen);
        var opens = OpensSession(seen, ticks);
        var keys = KeysOf(item, e.Skills);
        if (opens)
        {
            var learn = model.LearnFor(item, null);
            foreach (var key in keys)
            {
                var p = model.SkillFor(key);
                var b = state.Skills.TryGetValue(key, out var known) ? known : new SkillBelief(p.Prior, ticks, 0, 0, 0);
                state.Skills[key] = b with
                {
                    Known = Decay(b.AfterSession, Days(ticks - b.LastTicks), p.ForgetPerDay),
                    PendingLearn = learn,
                    LastTicks = Math.Max(b.LastTicks, ticks),
                    Sessions = b.Sessions + 1,
                    Unchecked = b.Unchecked + 1,
                };
            }
        }
        if (e.Score is { } score)
        {
            foreach (var key in keys)
            {
                var p = model.SkillFor(key);
                var b = state.Skills.TryGetValue(key, out var known) ? known : new SkillBelief(p.Prior, ticks, 0, 0, 0);
                var before = Decay(b.Known, Days(ticks - b.LastTicks), p.ForgetPerDay);
                state.Skills[key] = b with
                {
                    Known = Posterior(before, score, p),
                    LastTicks = Math.Max(b.LastTicks, ticks),
                    Answers = b.Answers + 1,
                    ScoreSum = b.ScoreSum + score,
                    Unchecked = 0,
                };
            }
        }
        state.Items[item] = new ItemSessions(seen.Sessions + (opens ? 1 : 0), Math.Max(seen.LastTicks, ticks));
    }

    /// <summary>P(L) of <paramref name="key"/> at <paramref name="now"/>: the latest session's learning counted, forgotten since; the prior if never met.</summary>
    public static double KnownNow(StudyState state, string key, LearningModel model, DateTimeOffset now)
    {
        var p = model.SkillFor(key);
        return state.Skills.TryGetValue(key, out var b)
            ? Decay(b.AfterSession, Days(now.UtcTicks - b.LastTicks), p.ForgetPerDay)
            : p.Prior;
    }

    public static double Decay(double known, double days, double forgetPerDay) =>
        days <= 0 || forgetPerDay <= 0 ? known : known * Math.Pow(1 - forgetPerDay, days);

    public static double Days(long ticks) => Math.Max(0, ticks) / (double)TimeSpan.TicksPerDay;

    /// <summary>P(known | a soft answer <paramref name="y"/>).</summary>
    public static double Posterior(double known, double y, SkillParameters p)
    {
        var k = known * EmitKnown(y, p);
        var u = (1 - known) * EmitUnknown(y, p);
        return k + u > 0 ? k / (k + u) : known;
    }

    public static double EmitKnown(double y, SkillParameters p) => Math.Pow(1 - p.Slip, y) * Math.Pow(p.Slip, 1 - y);

    public static double EmitUnknown(double y, SkillParameters p) => Math.Pow(p.Guess, y) * Math.Pow(1 - p.Guess, 1 - y);
}
