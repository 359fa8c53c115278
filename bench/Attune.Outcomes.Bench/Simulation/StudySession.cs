namespace Attune.Outcomes.Bench.Simulation;

/// <summary>
/// One learner's day: ask the planner, do its steps in order (each takes the learner's own minutes; the day ends when
/// its minutes are spent, the last step left part-way), report the events, and ask again while minutes are left and
/// the planner allows, up to <see cref="IPlanner.CallsPerDay"/> times.
/// </summary>
public static class StudySession
{
    /// <summary>The day's session starts at 08:00 UTC, so it never crosses midnight and the silo's "today" is the day's.</summary>
    public const double StartHour = 8;

    /// <summary>Below this, minutes left are not worth another call.</summary>
    private const double MinutesWorthAsking = 2;

    /// <param name="trace">Where to write the day's plans, steps and reasons in words (<c>--trace</c>), or null.</param>
    public static async Task<LearnerDay> RunAsync(SimulatedLearner learner, IPlanner planner, int day, double minutesPerDay, DateTimeOffset epoch, Func<int> nextEventNumber, TextWriter? trace = null)
    {
        var t = day + StartHour / 24;
        var used = 0.0;
        var (calls, planned, budget, fallbacks, unknown) = (0, 0.0, 0.0, 0, 0);
        while (calls < planner.CallsPerDay && minutesPerDay - used >= MinutesWorthAsking)
        {
            var left = minutesPerDay - used;
            var plan = await planner.PlanAsync(learner, left, t);
            calls++;
            planned += plan.PlannedMinutes;
            budget += Math.Floor(left);
            fallbacks += plan.Fallbacks;
            var events = new List<EventJson>();
            var before = used;
            trace?.WriteLine($"day {day + 1}, call {calls}: {left:0.0} min left, mastery {learner.Mastery(t):0.000}; plan of {plan.Items.Count} steps, {plan.PlannedMinutes:0} min");
            for (var step = 0; step < plan.Items.Count; step++)
            {
                var id = plan.Items[step];
                left = minutesPerDay - used;
                if (left < 0.5)
                {
                    break;
                }
                if (!learner.Course.ById.TryGetValue(id, out var item))
                {
                    unknown++;
                    continue;
                }
                var minutes = learner.DrawMinutes(item);
                var spent = Math.Min(minutes, left);
                if (trace is not null)
                {
                    var s = item.Skill;
                    trace.WriteLine($"    {item.Title,-16} [{item.Kind,-6} skill {s}, value {item.Value:0.00}] {spent,4:0.0} of {minutes:0.0} min, k {learner.Knowledge(s, t):0.00} → gain {learner.ExpectedGain(item, t, spent / minutes) * learner.Course.Skills.Count:0.000}" +
                        (step < plan.Reasons.Count && plan.Reasons[step].Length > 0 ? $"  \"{plan.Reasons[step]}\"" : ""));
                }
                Do(learner, item, t, spent, spent / minutes, epoch, nextEventNumber, events);
                t += spent / (24 * 60);
                used += spent;
            }
            if (events.Count > 0)
            {
                await planner.RecordAsync(learner, events);
            }
            if (used - before < 0.5)
            {
                break; // an empty plan, or one of unknown items: asking again would get the same
            }
        }
        return new LearnerDay(used, UsefulWorkLeft(learner, t), calls, planned, budget, fallbacks, unknown);
    }

    /// <summary>Something would still add at least 2 % of a skill: a day that stops short of its minutes then wasted them.</summary>
    public static bool UsefulWorkLeft(SimulatedLearner learner, double t) =>
        learner.Course.Items.Any(i => learner.ExpectedGain(i, t) * learner.Course.Skills.Count >= 0.02);

    private static void Do(SimulatedLearner learner, HiddenItem item, double t, double minutes, double share, DateTimeOffset epoch, Func<int> next, List<EventJson> events)
    {
        var start = epoch.AddDays(t);
        var end = start.AddMinutes(minutes);
        var seconds = Math.Round(minutes * 60);
        var course = learner.Course;
        string[] skills = [course.Skills[item.Skill].Id];
        EventJson Event(string kind, DateTimeOffset at, double? score, double? duration) =>
            new($"{learner.Id}-{next()}", learner.Id, item.Id, course.Id, kind, at, score, duration, skills);

        var finished = share >= 0.999;
        var (before, after) = learner.Study(item, t, finished ? 1 : share);
        switch (item.Kind)
        {
            case ItemKind.Lesson or ItemKind.Video:
                if (finished)
                {
                    events.Add(Event("viewed", start, null, null));
                    events.Add(Event("completed", end, null, seconds));
                }
                else
                {
                    events.Add(Event("viewed", start, null, seconds));
                }
                break;
            default:
                var answered = finished ? item.Questions : (int)Math.Floor(item.Questions * share);
                if (answered == 0)
                {
                    events.Add(Event("viewed", start, null, seconds));
                    break;
                }
                var correct = 0;
                for (var q = 0; q < answered; q++)
                {
                    // Knowledge grows through the set: the j-th answer sees part of the step's gain.
                    var k = before + (after - before) * (q + 0.5) / answered;
                    var right = learner.Answer(item, k);
                    correct += right ? 1 : 0;
                    events.Add(Event("answered", start.AddMinutes(minutes * (q + 1) / answered), right ? 1 : 0, Math.Round(seconds / answered)));
                }
                if (item.Kind == ItemKind.Quiz && finished)
                {
                    events.Add(Event("graded", end, Math.Round((double)correct / item.Questions, 4), null));
                }
                break;
        }
    }
}
