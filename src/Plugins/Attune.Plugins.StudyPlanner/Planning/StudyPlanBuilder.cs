using Attune.Learners;
using Attune.Plugins.StudyPlanner.Learners;
using Attune.Plugins.StudyPlanner.Learning;

namespace Attune.Plugins.StudyPlanner.Planning;

/// <summary>
/// One plan from the whole stack: mastery and memory (the traced P(L) of each skill, forgotten since it was last
/// practised), what each activity teaches per minute (its fitted learning rate), what its answers would tell, the
/// course's prerequisites and order, deadlines, and the learner's minutes. Steps are chosen greedily by value per
/// minute (<see cref="PlanState.Value"/>); after each choice the plan's own picture of the learner is updated, so a
/// lesson chosen first makes the practice after it worth less, the skill built on it worth more, and a check of it
/// worth more. Finished items come back as reviews when their skills have faded. An item the LMS keeps closed until
/// others are finished (<see cref="Candidate.Prerequisites"/>) is planned only after them, or when nothing else fits.
/// Greedy choice can leave minutes no remaining item fits; a swap pass then trades a step for a longer one when the
/// plan as a whole gains.
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
        var history = context.History;
        var map = CourseMap.Build(pool, model, options);
        var pace = Pace(history, state, map.Items);
        double MinutesOf(Candidate c) => Math.Max(1, Math.Round(c.Minutes * pace, 1));
        var order = Order(context.Candidates);
        var start = new PlanState(map, model, options, state, now);

        var picture = start.Copy();
        var chosen = new List<Choice>();
        var planned = new HashSet<Candidate>();
        var remaining = budget;
        // The course's path still to walk, without the items the fit shows are not worth their place on it.
        var path = options.FollowCourse ? map.Path.Where(c => !Met(c, history, model, pace)).ToList() : [];
        var deferred = Deferred(path, map, model);
        var step = path.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var leastPractised = map.Items.Where(c => history.Items.ContainsKey(c.Item) && model.Answers(c)).Select(c => Sessions(c, state)).DefaultIfEmpty(0).Min();
        while (chosen.Count < context.Limit)
        {
            // While the path lasts, its next step competes only with reviews of what was met; the rest of it waits its turn.
            var pathLeft = path.Exists(c => !planned.Contains(c) && !deferred.Contains(c));
            Choice? best = null;
            var ahead = new List<(int At, Choice Choice)>();
            // The path's next step, whether or not it fits: a step further on is never taken in its place, so the course is
            // not skipped through by whatever is short enough (a quiz before the lesson it checks).
            var next = pathLeft ? path.FindIndex(c => !planned.Contains(c) && !deferred.Contains(c)) : -1;
            foreach (var c in map.Items)
            {
                var minutes = MinutesOf(c);
                if (planned.Contains(c) || minutes > remaining + 1e-9 && !(next >= 0 && c == path[next]))
                {
                    continue;
                }
                // An item the LMS keeps closed cannot be opened: it is planned only once what opens it is finished or planned.
                if (Blocked(c, history, planned, map.Items) is not null)
                {
                    continue;
                }
                var (learn, check) = picture.Value(c);
                var gain = (learn + check) * DueFactor(c, history, now) + options.UnlockShare * Unlocks(c, map, history, planned, picture);
                // Ties (nothing known yet) go to the course's order, then to the recommender's.
                var value = gain / minutes - 1e-9 * map.Rank[c] - 1e-12 * order.GetValueOrDefault(c.Item, order.Count);
                if (options.FollowCourse && !pathLeft)
                {
                    value = history.Items.ContainsKey(c.Item) ? ReviewRotation(c, value, state, map, model, leastPractised) : value - NeverStarted;
                }
                var choice = new Choice(c, minutes, gain, value, null);
                if (pathLeft && step.TryGetValue(c, out var at))
                {
                    if (!deferred.Contains(c))
                    {
                        ahead.Add((at, choice));
                    }
                    continue;
                }
                if (best is null || value > best.Value)
                {
                    best = choice;
                }
            }
            // The next step of the course's path, unless a review is clearly worth more per minute than the next steps of the
            // path are: a quiz that closes a section is not judged alone, but with the lesson it leads to.
            ahead.Sort((a, b) => a.At.CompareTo(b.At));
            var onPath = ahead.Count > 0 ? ahead[0].Choice : null;
            var pathWorth = ahead.Take(options.PathWindow).Select(a => a.Choice.Gain / a.Choice.Minutes).DefaultIfEmpty(0).Max();
            var reviewWins = best is not null && best.Gain / best.Minutes > options.ReviewMargin * pathWorth;
            Choice? pick;
            if (onPath is not null && onPath.Minutes > remaining + 1e-9)
            {
                // The next step does not fit today: a review that is clearly worth it may use the minutes, or the next step
                // is begun (see StartOfNext).
                pick = reviewWins ? best : null;
            }
            else
            {
                // A review goes first only if the path's next step still fits after it: every plan moves the course on.
                pick = onPath is not null && (!reviewWins || remaining - best!.Minutes < onPath.Minutes - 1e-9) ? onPath : best;
            }
            if (pick is not null && pick == onPath && Prepare(onPath.Item, map, picture, model, history, planned, remaining, MinutesOf) is { } first)
            {
                // Mastery before moving on: what the next step builds on is practised first while the learner's answers say
                // it is not ready (Bloom's mastery learning; the course's order does not wait).
                pick = first;
            }
            if (pick is null)
            {
                break;
            }
            chosen.Add(pick);
            planned.Add(pick.Item);
            remaining -= pick.Minutes;
            picture.Apply(pick.Item);
        }
        // The fill pass trades steps for longer ones; the course's path is not traded away for it, nor, once the path is
        // walked, the rotation of reviews (a trade by expected learning alone would mass them again).
        var walked = options.FollowCourse && !path.Exists(c => !deferred.Contains(c));
        if (!walked)
        {
            Fill(chosen, remaining, map, start, history, now, planned, MinutesOf, c => !step.ContainsKey(c));
        }
        remaining = budget - chosen.Sum(c => c.Minutes);
        var begun = walked
            ? StartOfReview(remaining, chosen.Count < context.Limit, planned, history, state, map, model, leastPractised, MinutesOf)
            : StartOfNext(remaining, chosen.Count < context.Limit, path, deferred, planned, history, map, MinutesOf);
        if (begun is not null)
        {
            chosen.Add(begun);
        }

        // The final sequence, replayed for each step's value and reason.
        var steps = new List<PlanStep>(chosen.Count);
        var replay = start.Copy();
        foreach (var choice in chosen)
        {
            var (learn, check) = replay.Value(choice.Item);
            var reason = Reason(choice, map, replay, start, state, model, history, now, check > learn);
            if (choice.Before is { } next)
            {
                reason += StepWording.Before(next.Title ?? next.Item.Value);
            }
            var share = 1.0;
            if (choice.Partial)
            {
                share = choice.Minutes / MinutesOf(choice.Item);
                reason += StepWording.Begin(choice.Minutes, MinutesOf(choice.Item));
            }
            steps.Add(new PlanStep(choice.Item, choice.Minutes, reason, Math.Round(share * (learn + check) * DueFactor(choice.Item, history, now), 6)));
            replay.Apply(choice.Item);
        }
        return new LearningPlan(steps);
    }

    private void Fill(List<Choice> chosen, double remaining, CourseMap map, PlanState start, LearnerHistory history, DateTimeOffset now,
        HashSet<Candidate> planned, Func<Candidate, double> minutesOf, Func<Candidate, bool> tradable)
    {
        for (var round = 0; round < 3 && remaining >= 1 && chosen.Count > 0; round++)
        {
            var current = TotalValue(chosen.Select(s => s.Item), start, history, now);
            (int At, Candidate With, double Minutes, double Total)? best = null;
            for (var at = 0; at < chosen.Count; at++)
            {
                if (!tradable(chosen[at].Item))
                {
                    continue;
                }
                foreach (var c in map.Items)
                {
                    var minutes = minutesOf(c);
                    if (planned.Contains(c) || !tradable(c) || minutes <= chosen[at].Minutes || minutes > chosen[at].Minutes + remaining + 1e-9
                        || Blocked(c, history, planned, map.Items) is not null)
                    {
                        continue;
                    }
                    var sequence = chosen.Select(s => s.Item).ToList();
                    sequence[at] = c;
                    var total = TotalValue(sequence, start, history, now);
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
            remaining -= swap.Minutes - chosen[swap.At].Minutes;
            planned.Remove(chosen[swap.At].Item);
            planned.Add(swap.With);
            chosen[swap.At] = new Choice(swap.With, swap.Minutes, 0, 0, null);
        }
    }

    /// <summary>The value of doing <paramref name="sequence"/> in order, each step on what the ones before it did.</summary>
    private double TotalValue(IEnumerable<Candidate> sequence, PlanState start, LearnerHistory history, DateTimeOffset now)
    {
        var picture = start.Copy();
        var total = 0.0;
        foreach (var c in sequence)
        {
            var (learn, check) = picture.Value(c);
            total += (learn + check) * DueFactor(c, history, now);
            picture.Apply(c);
        }
        return total;
    }

    /// <summary>
    /// Once the path is walked, reviews rotate through what brings answers: the least practised first, and among those in the
    /// course's path order, so that each skill is reviewed just after what it rests on (spaced, interleaved retrieval
    /// practice of the whole course; Cepeda et al. 2006, Rohrer and Taylor 2007). Items that bring no answers come after
    /// every one of them. Measured in the outcomes bench: the model alone kept choosing the same few items (its estimates of
    /// mastery saturate once a skill is mostly answered right), and reviews by time since last study taught little, as a
    /// skill came up while what it rests on had faded.
    /// </summary>
    private static double ReviewRotation(Candidate c, double value, StudyState state, CourseMap map, LearningModel model, int leastPractised) =>
        model.Answers(c)
            ? -RotationStep * (Sessions(c, state) - leastPractised) - map.PathRank[c] + 1e-6 * value
            : value - NoAnswers;

    /// <summary>What one more session costs an item in the rotation: more than any difference in path order.</summary>
    private const double RotationStep = 1e4;

    /// <summary>Met items that bring no answers wait behind every review that does.</summary>
    private const double NoAnswers = 1e7;

    /// <summary>What the path left out (its weakest items, deferred) waits behind every review.</summary>
    private const double NeverStarted = 1e8;

    private static int Sessions(Candidate c, StudyState state) =>
        state.Items.TryGetValue(c.Item.Value, out var sessions) ? sessions.Sessions : 0;

    /// <summary>
    /// Whether the learner has met <paramref name="c"/> on the course's path: finished it, or, for an item that brings
    /// answers (a practice set can be redone for ever and never finish), answered on it for most of its minutes at the
    /// learner's pace: a set left after a question or two is picked up again, as a learner following the course would.
    /// Where the LMS sends no time on task, one answer meets it.
    /// </summary>
    private static bool Met(Candidate c, LearnerHistory history, LearningModel model, double pace) =>
        history.Items.GetValueOrDefault(c.Item) is { } h
        && (h.IsFinished || h.ScoredEvents > 0 && model.Answers(c) && (h.SecondsOnTask <= 0 || h.SecondsOnTask / 60 >= MetShare * c.Minutes * pace));

    /// <summary>The share of a practice set's minutes that meets it on the path.</summary>
    private const double MetShare = 0.7;

    /// <summary>
    /// The path's items that leave it for after the rest of the course: no answers to give, and a fitted effect per minute,
    /// resting on <see cref="StudyPlannerOptions.DeferEvidence"/> learners, below <see cref="StudyPlannerOptions.DeferBelow"/>
    /// of the course's median.
    /// </summary>
    private HashSet<Candidate> Deferred(List<Candidate> path, CourseMap map, LearningModel model)
    {
        var deferred = new HashSet<Candidate>();
        if (path.Count == 0 || options.DeferBelow <= 0)
        {
            return deferred;
        }
        var rates = map.Items.Where(c => c.Minutes > 0).Select(c => model.LearnFor(c.Item.Value, c.Kind, c.Minutes) / c.Minutes).Order().ToList();
        if (rates.Count == 0)
        {
            return deferred;
        }
        var median = rates[rates.Count / 2];
        foreach (var c in path)
        {
            if (c.Minutes > 0 && !model.Answers(c) && model.Items.TryGetValue(c.Item.Value, out var e) && e.Learners >= options.DeferEvidence
                && e.Learn / c.Minutes < options.DeferBelow * median)
            {
                deferred.Add(c);
            }
        }
        return deferred;
    }

    private double DueFactor(Candidate c, LearnerHistory history, DateTimeOffset now) =>
        history.Items.GetValueOrDefault(c.Item)?.IsFinished != true && c.DueAt is { } due && due >= now.AddDays(-1) && due <= now.AddDays(options.DueHorizonDays)
            ? 1 + options.DueBonus
            : 1;

    /// <summary>
    /// What the items a step opens are worth: those the LMS keeps closed until this one is done (and nothing else they
    /// need is missing). A step that opens the rest of a section is worth more than its own learning says.
    /// </summary>
    private static double Unlocks(Candidate c, CourseMap map, LearnerHistory history, HashSet<Candidate> planned, PlanState picture)
    {
        var value = 0.0;
        foreach (var other in map.Items)
        {
            if (other.Prerequisites.Count == 0 || !other.Prerequisites.Contains(c.Item) || planned.Contains(other)
                || Blocked(other, history, planned, map.Items) is null)
            {
                continue;
            }
            planned.Add(c);
            var opens = Blocked(other, history, planned, map.Items) is null;
            planned.Remove(c);
            if (opens)
            {
                var (learn, check) = picture.Value(other);
                value = Math.Max(value, learn + check);
            }
        }
        return value;
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
    /// How long this learner takes against the estimates: the median, over items worked on, of time on task per session
    /// (the sessions this plugin counted) against the item's estimate, once there are three; 1 before that. Clamped to
    /// [0.5, 2.5] so one odd session cannot distort a plan.
    /// </summary>
    private static double Pace(LearnerHistory history, StudyState state, IReadOnlyList<Candidate> items)
    {
        var ratios = new List<double>();
        foreach (var c in items)
        {
            if (history.Items.GetValueOrDefault(c.Item) is { SecondsOnTask: > 0 } h && c.Minutes > 0
                && state.Items.TryGetValue(c.Item.Value, out var sessions) && sessions.Sessions > 0)
            {
                ratios.Add(h.SecondsOnTask / 60 / sessions.Sessions / c.Minutes);
            }
        }
        if (ratios.Count < 3)
        {
            return 1;
        }
        ratios.Sort();
        return Math.Clamp(ratios[ratios.Count / 2], 0.5, 2.5);
    }

    private static Dictionary<ItemId, int> Order(IReadOnlyList<ScoredCandidate> candidates)
    {
        var order = new Dictionary<ItemId, int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            order.TryAdd(candidates[i].Candidate.Item, i);
        }
        return order;
    }

    private string Reason(Choice pick, CourseMap map, PlanState picture, PlanState start, StudyState state, LearningModel model,
        LearnerHistory history, DateTimeOffset now, bool mostlyCheck)
    {
        var c = pick.Item;
        var keys = map.Keys[c];
        // The skill this step does most for names the reason.
        var target = keys.OrderByDescending(k => picture.Gate(k) * (1 - picture.Mastery[k])).First();
        var name = StudyTracer.IsItemKey(target) ? c.Title ?? c.Item.Value : target;
        var finished = history.Items.GetValueOrDefault(c.Item)?.IsFinished == true;
        var belief = state.Skills.TryGetValue(target, out var b) ? b : (SkillBelief?)null;
        var text = mostlyCheck
            ? StepWording.Check(name, start.Mastery[target], belief)
            : StepWording.What(name, picture.Mastery[target], start.Mastery[target], finished, belief);
        text += StepWording.Prerequisites(map.RequiresOf(target), picture.Mastery, options.ReadyAt, pick.Blocked is not null ? pick.Blocked.Title ?? pick.Blocked.Item.Value : null);
        text += StepWording.Evidence(c, model);
        if (c.DueAt is { } due && !finished && due <= now.AddDays(options.DueHorizonDays))
        {
            text += StepWording.Due(due, now);
        }
        return text;
    }

    /// <summary>
    /// The minutes no whole step fits, given to the start of the course's next step when it can be left part-way and picked
    /// up (a page or video resumes, a practice set keeps its answers; a graded quiz is not begun): the course moves on
    /// with every minute, as a learner following it would.
    /// </summary>
    private Choice? StartOfNext(double remaining, bool room, List<Candidate> path, HashSet<Candidate> deferred, HashSet<Candidate> planned,
        LearnerHistory history, CourseMap map, Func<Candidate, double> minutesOf)
    {
        if (!room || remaining < options.StartWithMinutes)
        {
            return null;
        }
        foreach (var c in path)
        {
            if (planned.Contains(c) || deferred.Contains(c) || Blocked(c, history, planned, map.Items) is not null)
            {
                continue;
            }
            // Only the next step of the path: skipping ahead to one that can be begun would break the course's order.
            return c.Completion is { Kind: CompletionKind.Grade or CompletionKind.Pass } || minutesOf(c) <= remaining
                ? null
                : new Choice(c, Math.Round(remaining, 1), 0, 0, null) { Partial = true };
        }
        return null;
    }

    /// <summary>
    /// The practice that should come before <paramref name="next"/>: of the skills it builds on that the plan's picture does
    /// not hold ready (below <see cref="StudyPlannerOptions.PrepareBelow"/>, an unconfirmed belief trusted less), the item already
    /// started that brings answers on them and teaches most per minute. Null when every prerequisite is ready, or nothing
    /// started practises the ones that are not.
    /// </summary>
    private Choice? Prepare(Candidate next, CourseMap map, PlanState picture, LearningModel model, LearnerHistory history,
        HashSet<Candidate> planned, double remaining, Func<Candidate, double> minutesOf)
    {
        if (options.PrepareBelow <= 0)
        {
            return null;
        }
        var lacking = map.Keys[next].SelectMany(map.RequiresOf).Where(r => picture.Trusted(r.Key) < options.PrepareBelow).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        if (lacking.Count == 0)
        {
            return null;
        }
        Choice? best = null;
        foreach (var c in map.Items)
        {
            var minutes = minutesOf(c);
            if (planned.Contains(c) || minutes > remaining + 1e-9 || !model.Answers(c) || !history.Items.ContainsKey(c.Item)
                || !map.Keys[c].Any(lacking.Contains) || Blocked(c, history, planned, map.Items) is not null)
            {
                continue;
            }
            var (learn, check) = picture.Value(c);
            var gain = learn + check;
            if (best is null || gain / minutes > best.Gain / best.Minutes)
            {
                best = new Choice(c, minutes, gain, gain / minutes, null) { Before = next };
            }
        }
        return best;
    }

    /// <summary>
    /// Once the path is walked, the minutes no whole review fits begin the next review of the rotation that can be left
    /// part-way (a practice set keeps its answers; a graded quiz is not begun), as <see cref="StartOfNext"/> does on the path.
    /// </summary>
    private Choice? StartOfReview(double remaining, bool room, HashSet<Candidate> planned, LearnerHistory history, StudyState state,
        CourseMap map, LearningModel model, int leastPractised, Func<Candidate, double> minutesOf)
    {
        if (!room || remaining < options.StartWithMinutes)
        {
            return null;
        }
        Candidate? next = null;
        var best = double.NegativeInfinity;
        foreach (var c in map.Items)
        {
            if (planned.Contains(c) || !model.Answers(c) || !history.Items.ContainsKey(c.Item) || minutesOf(c) <= remaining
                || c.Completion is { Kind: CompletionKind.Grade or CompletionKind.Pass } || Blocked(c, history, planned, map.Items) is not null)
            {
                continue;
            }
            var value = ReviewRotation(c, 0, state, map, model, leastPractised);
            if (value > best)
            {
                (next, best) = (c, value);
            }
        }
        return next is null ? null : new Choice(next, Math.Round(remaining, 1), 0, 0, null) { Partial = true };
    }

    private sealed record Choice(Candidate Item, double Minutes, double Gain, double Value, Candidate? Blocked)
    {
        /// <summary>The path's next step this practice comes before, its prerequisite not being ready.</summary>
        public Candidate? Before { get; init; }

        /// <summary>Begun today, finished another day.</summary>
        public bool Partial { get; init; }
    }
}
