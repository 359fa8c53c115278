using Attune.Learners;
using Attune.Plugins.StudyPlanner.Learners;
using Attune.Plugins.StudyPlanner.Learning;

namespace Attune.Plugins.StudyPlanner.Planning;

/// <summary>
/// One plan from the whole stack: mastery and memory (the traced P(L) of each skill, forgotten since it was last
/// practised), what each activity teaches per minute (its fitted learning rate), the course's prerequisites and order,
/// deadlines, and the learner's minutes. Steps are chosen greedily by expected learning per minute, where the expected
/// learning of a session is Σ over the item's skills of gate·(1 − P(L))·P(T); after each choice the plan's own picture of
/// the learner is updated, so a lesson chosen first makes the practice after it worth less and the skill built on it
/// worth more. Finished items come back as reviews when their skills have faded. An item the LMS keeps closed until
/// others are finished (<see cref="Candidate.Prerequisites"/>) is planned only after them, or when nothing else fits.
/// </summary>
internal sealed class StudyPlanBuilder(StudyPlannerOptions options)
{
    /// <summary>Minutes a plan spends when the host gives no budget.</summary>
    public const double DefaultBudgetMinutes = 60;

    public LearningPlan Plan(PlanningContext context, StudyState state, LearningModel model)
    {
        var pool = context.Catalog.Count > 0 ? context.Catalog : context.Candidates.Select(c => c.Candidate).ToList();
        var budget = context.BudgetMinutes ?? DefaultBudgetMinutes;
        if (pool.Count == 0 || context.Limit <= 0 || budget <= 0)
        {
            return new LearningPlan([]);
        }
        var now = context.Now;
        var map = CourseMap.Build(pool, model, options);
        var pace = Pace(context.History, map.Items);
        var scores = Order(context.Candidates);
        var mastery = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in map.Items)
        {
            foreach (var key in map.Keys[c])
            {
                mastery.TryAdd(key, StudyTracer.KnownNow(state, key, model, now));
            }
        }
        var before = new Dictionary<string, double>(mastery, StringComparer.Ordinal);

        double MinutesOf(Candidate c) => Math.Max(1, Math.Round(c.Minutes * pace, 1));
        var chosen = new List<Choice>();
        var planned = new HashSet<Candidate>();
        var remaining = budget;
        while (chosen.Count < context.Limit)
        {
            Choice? best = null;
            Choice? blockedBest = null;
            foreach (var c in map.Items)
            {
                if (planned.Contains(c))
                {
                    continue;
                }
                var minutes = MinutesOf(c);
                if (minutes > remaining + 1e-9)
                {
                    continue;
                }
                var gain = 0.0;
                foreach (var key in map.Keys[c])
                {
                    gain += Gate(map, key, mastery) * (1 - mastery[key]) * model.LearnFor(c.Item.Value, c.Kind, c.Minutes);
                }
                gain *= DueFactor(c, context.History, now);
                // Ties (nothing known yet) go to the course's order, then to the recommender's.
                var value = gain / minutes - 1e-9 * map.Rank[c] - 1e-12 * scores.GetValueOrDefault(c.Item, scores.Count);
                var blocked = Blocked(c, context.History, planned, map.Items);
                ref var slot = ref blocked is null ? ref best : ref blockedBest;
                if (slot is null || value > slot.Value)
                {
                    slot = new Choice(c, minutes, gain, value, blocked);
                }
            }
            var pick = best is { Gain: > 1e-6 } ? best : blockedBest is { Gain: > 1e-6 } ? blockedBest : null;
            if (pick is null)
            {
                break;
            }
            chosen.Add(pick);
            planned.Add(pick.Item);
            remaining -= pick.Minutes;
            foreach (var key in map.Keys[pick.Item])
            {
                var m = mastery[key];
                mastery[key] = m + Gate(map, key, mastery) * (1 - m) * model.LearnFor(pick.Item.Item.Value, pick.Item.Kind, pick.Item.Minutes);
            }
        }
        Fill(chosen, remaining, map, before, model, context.History, now, planned, MinutesOf);

        // The final sequence, replayed for each step's value and reason.
        var steps = new List<PlanStep>(chosen.Count);
        var replay = new Dictionary<string, double>(before, StringComparer.Ordinal);
        foreach (var choice in chosen)
        {
            var c = choice.Item;
            var learn = model.LearnFor(c.Item.Value, c.Kind, c.Minutes);
            var gain = 0.0;
            var updates = new List<(string, double)>();
            foreach (var key in map.Keys[c])
            {
                var g = Gate(map, key, replay) * (1 - replay[key]) * learn;
                gain += g;
                updates.Add((key, replay[key] + g));
            }
            steps.Add(new PlanStep(c, choice.Minutes, Reason(choice, map, replay, before, state, model, context.History, now),
                Math.Round(gain * DueFactor(c, context.History, now), 6)));
            foreach (var (key, value) in updates)
            {
                replay[key] = value;
            }
        }
        return new LearningPlan(steps);
    }

    /// <summary>
    /// Greedy choice by learning per minute can leave minutes no remaining item fits (say 5 of 40 when every item left
    /// takes 10). An idle minute teaches nothing, so this swaps a step for a longer one that uses the slack whenever the
    /// plan as a whole then teaches more (its steps replayed in order).
    /// </summary>
    private void Fill(List<Choice> chosen, double remaining, CourseMap map, Dictionary<string, double> start, LearningModel model,
        LearnerHistory history, DateTimeOffset now, HashSet<Candidate> planned, Func<Candidate, double> minutesOf)
    {
        for (var round = 0; round < 3 && remaining >= 1 && chosen.Count > 0; round++)
        {
            var current = TotalGain(chosen.Select(s => s.Item), map, start, model, history, now);
            (int At, Candidate With, double Minutes, double Total)? best = null;
            for (var at = 0; at < chosen.Count; at++)
            {
                foreach (var c in map.Items)
                {
                    var minutes = minutesOf(c);
                    if (planned.Contains(c) || minutes <= chosen[at].Minutes || minutes > chosen[at].Minutes + remaining + 1e-9
                        || Blocked(c, history, planned, map.Items) is not null)
                    {
                        continue;
                    }
                    var sequence = chosen.Select(s => s.Item).ToList();
                    sequence[at] = c;
                    var total = TotalGain(sequence, map, start, model, history, now);
                    if (total > current + 1e-9 && (best is null || total > best.Value.Total))
                    {
                        best = (at, c, minutes, total);
                    }
                }
            }
            if (best is not { } swap)
            {
                return;
            }
            var old = chosen[swap.At];
            remaining -= swap.Minutes - old.Minutes;
            planned.Remove(old.Item);
            planned.Add(swap.With);
            chosen[swap.At] = new Choice(swap.With, swap.Minutes, 0, 0, null);
        }
    }

    /// <summary>The expected learning of doing <paramref name="sequence"/> in order, each step on what the ones before it taught.</summary>
    private double TotalGain(IEnumerable<Candidate> sequence, CourseMap map, Dictionary<string, double> start, LearningModel model,
        LearnerHistory history, DateTimeOffset now)
    {
        var mastery = new Dictionary<string, double>(start, StringComparer.Ordinal);
        var total = 0.0;
        foreach (var c in sequence)
        {
            var gain = 0.0;
            var learn = model.LearnFor(c.Item.Value, c.Kind, c.Minutes);
            var updates = new List<(string Key, double Value)>();
            foreach (var key in map.Keys[c])
            {
                var m = mastery[key];
                var g = Gate(map, key, mastery) * (1 - m) * learn;
                gain += g;
                updates.Add((key, m + g));
            }
            foreach (var (key, value) in updates)
            {
                mastery[key] = value;
            }
            total += gain * DueFactor(c, history, now);
        }
        return total;
    }

    private double DueFactor(Candidate c, LearnerHistory history, DateTimeOffset now) =>
        history.Items.GetValueOrDefault(c.Item)?.IsFinished != true && c.DueAt is { } due && due >= now.AddDays(-1) && due <= now.AddDays(options.DueHorizonDays)
            ? 1 + options.DueBonus
            : 1;

    /// <summary>What a session on <paramref name="key"/> can teach given its prerequisites: 1 when all are known, down to <see cref="StudyPlannerOptions.UnreadyShare"/>.</summary>
    private double Gate(CourseMap map, string key, Dictionary<string, double> mastery)
    {
        var gate = 1.0;
        foreach (var (pre, weight, _) in map.RequiresOf(key))
        {
            gate *= 1 - weight * (1 - Readiness(mastery.TryGetValue(pre, out var m) ? m : 0));
        }
        return gate;
    }

    private double Readiness(double m)
    {
        var ready = Math.Clamp((m - options.UnreadyBelow) / (options.ReadyAt - options.UnreadyBelow), 0, 1);
        return options.UnreadyShare + (1 - options.UnreadyShare) * ready;
    }

    /// <summary>An item the LMS keeps closed: one it requires is neither finished nor planned before it.</summary>
    private static Candidate? Blocked(Candidate c, LearnerHistory history, HashSet<Candidate> planned, IReadOnlyList<Candidate> items)
    {
        foreach (var required in c.Prerequisites)
        {
            if (history.Items.GetValueOrDefault(required)?.IsFinished == true)
            {
                continue;
            }
            var candidate = items.FirstOrDefault(i => i.Item == required && i.Course == c.Course);
            if (candidate is null || !planned.Contains(candidate))
            {
                return candidate ?? c;
            }
        }
        return null;
    }

    /// <summary>
    /// How long this learner takes against the estimates: the median ratio of time on task to estimate over finished
    /// items, once there are three; 1 before that. Clamped to [0.5, 2.5] so one odd session cannot distort a plan.
    /// </summary>
    private static double Pace(LearnerHistory history, IReadOnlyList<Candidate> items)
    {
        var ratios = new List<double>();
        foreach (var c in items)
        {
            if (history.Items.GetValueOrDefault(c.Item) is { IsFinished: true, SecondsOnTask: > 0 } h && c.Minutes > 0)
            {
                ratios.Add(h.SecondsOnTask / 60 / Math.Max(1, Sessions(h)) / c.Minutes);
            }
        }
        if (ratios.Count < 3)
        {
            return 1;
        }
        ratios.Sort();
        return Math.Clamp(ratios[ratios.Count / 2], 0.5, 2.5);
    }

    /// <summary>A rough count of sittings on an item, so time on task across reviews is not read as slowness.</summary>
    private static int Sessions(ItemHistory h) => Math.Max(1, h.Reviews + 1);

    private static Dictionary<ItemId, int> Order(IReadOnlyList<ScoredCandidate> candidates)
    {
        var order = new Dictionary<ItemId, int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            order.TryAdd(candidates[i].Candidate.Item, i);
        }
        return order;
    }

    private string Reason(Choice pick, CourseMap map, Dictionary<string, double> mastery, Dictionary<string, double> before,
        StudyState state, LearningModel model, LearnerHistory history, DateTimeOffset now)
    {
        var c = pick.Item;
        var keys = map.Keys[c];
        // The skill this step does most for names the reason.
        var target = keys.OrderByDescending(k => Gate(map, k, mastery) * (1 - mastery[k])).First();
        var name = StudyTracer.IsItemKey(target) ? c.Title ?? c.Item.Value : target;
        var m = mastery[target];
        var finished = history.Items.GetValueOrDefault(c.Item)?.IsFinished == true;
        var belief = state.Skills.TryGetValue(target, out var b) ? b : (SkillBelief?)null;
        var text = StepWording.What(name, m, before[target], finished, belief, options.MasteredAt);
        text += StepWording.Prerequisites(map.RequiresOf(target), mastery, options.ReadyAt, pick.Blocked is not null ? pick.Blocked.Title ?? pick.Blocked.Item.Value : null);
        text += StepWording.Evidence(c, model);
        if (c.DueAt is { } due && !finished && due <= now.AddDays(options.DueHorizonDays))
        {
            text += StepWording.Due(due, now);
        }
        return text;
    }

    private sealed record Choice(Candidate Item, double Minutes, double Gain, double Value, Candidate? Blocked);
}
