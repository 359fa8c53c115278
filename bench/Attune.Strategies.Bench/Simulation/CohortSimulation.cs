using System.Diagnostics;
using Attune.Learners;
using Attune.Plugins.Testing;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>
/// Runs a cohort through a term under a policy: each day the learner asks for a plan with the minutes they have left
/// and does its steps in order until their daily minutes are spent; every step produces the events an LMS would send,
/// which the learner's history and the policy see one by one. The same seeds give every policy the same learners
/// and the same answer draws.
/// </summary>
internal sealed class CohortSimulation(SyntheticCourse course, HiddenWorld world, int learners, int days, int seed)
{
    /// <summary>When set, learner <see cref="TraceLearner"/>'s days are written here.</summary>
    public TextWriter? Trace { get; init; }

    public int TraceLearner { get; init; }

    /// <summary>The hour of day (UTC) learners study.</summary>
    public const int StudyHour = 18;

    public PolicyResult Run(ILearnerPolicy policy, List<LearningEvent>? journal = null)
    {
        var watch = Stopwatch.StartNew();
        var outcomes = new LearnerOutcome[learners];
        var journals = new List<LearningEvent>[learners];
        Parallel.For(0, learners, i =>
        {
            var events = journal is null ? null : new List<LearningEvent>();
            outcomes[i] = RunLearner(policy, i, events);
            journals[i] = events ?? [];
        });
        if (journal is not null)
        {
            foreach (var list in journals)
            {
                journal.AddRange(list);
            }
        }
        return new PolicyResult(policy.Name, outcomes, policy.Rejections, policy.PlanMilliseconds, watch.Elapsed);
    }

    private LearnerOutcome RunLearner(ILearnerPolicy policy, int index, List<LearningEvent>? journal)
    {
        var hidden = new HiddenLearner(course, world, unchecked(seed * 7919 + index));
        var answers = new Random(hidden.AnswerSeed);
        var learner = new LearnerId($"learner-{index:0000}");
        var builder = new LearnerHistoryBuilder(learner);
        var history = builder.History;
        var session = policy.Start();
        var profile = new LearnerProfile([], [], hidden.MinutesPerDay);
        var byId = course.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var start = hidden.MeanKnowledge(course.Start);
        var minutes = 0.0;
        var steps = 0;
        var eventNumber = 0;
        for (var day = 0; day < days; day++)
        {
            var now = course.Start.AddDays(day).AddHours(StudyHour - course.Start.Hour);
            var plan = session.PlanDay(history, profile, now, hidden.MinutesPerDay);
            var trace = index == TraceLearner ? Trace : null;
            trace?.WriteLine($"day {day} ({hidden.MinutesPerDay} min/day, mean knowledge {hidden.MeanKnowledge(now):0.000}): "
                + string.Join(" | ", course.Skills.Select(s => $"{s.Id} {hidden.Knowledge(s.Id, now):0.00}")));
            var spent = 0.0;
            var t = now;
            foreach (var step in plan.Steps)
            {
                if (spent >= hidden.MinutesPerDay - 0.5)
                {
                    break;
                }
                var item = byId[step.Candidate.Item.Value];
                trace?.WriteLine($"    {step.Candidate.Item} ({item.Minutes} min): {step.Reason}");
                var actual = item.Minutes * hidden.Speed;
                foreach (var e in Perform(item, hidden, answers, learner, t, actual, () => $"{learner}-{++eventNumber}"))
                {
                    builder.Apply(e);
                    session.Observe(e, history);
                    journal?.Add(e);
                }
                t = t.AddMinutes(actual);
                spent += actual;
                steps++;
            }
            minutes += spent;
        }
        return new LearnerOutcome(start, hidden.MeanKnowledge(course.Start.AddDays(days)), minutes, steps);
    }

    /// <summary>Does an item: the events it sends (in time order) and what it teaches (at its end).</summary>
    private IEnumerable<LearningEvent> Perform(ItemSpec item, HiddenLearner hidden, Random answers, LearnerId learner, DateTimeOffset t, double minutes, Func<string> nextId)
    {
        var skills = item.Candidate.Skills;
        var end = t.AddMinutes(minutes);
        var events = new List<LearningEvent>();
        switch (item.Kind)
        {
            case ItemKind.Lesson:
                events.Add(new LearningEvent(nextId(), learner, item.Candidate.Item, EventKind.Viewed, t, course.Id, skills: skills));
                events.Add(new LearningEvent(nextId(), learner, item.Candidate.Item, EventKind.Completed, end, course.Id, durationSeconds: minutes * 60, skills: skills));
                hidden.Study(item.Skills[0], 1.8, end);
                break;
            case ItemKind.Practice:
                for (var q = 0; q < 5; q++)
                {
                    var at = t.AddMinutes(minutes * q / 5);
                    var correct = hidden.Answer(item.Skills[0], item.Difficulty, at, answers);
                    events.Add(new LearningEvent(nextId(), learner, item.Candidate.Item, EventKind.Answered, at, course.Id, correct ? 1 : 0, minutes * 60 / 5, skills));
                }
                hidden.Study(item.Skills[0], 1.0, end);
                break;
            default:
                var right = 0;
                foreach (var skill in item.Skills)
                {
                    for (var q = 0; q < 2; q++)
                    {
                        right += hidden.Answer(skill, item.Difficulty, t.AddMinutes(minutes * q / 2), answers) ? 1 : 0;
                    }
                }
                events.Add(new LearningEvent(nextId(), learner, item.Candidate.Item, EventKind.Graded, end, course.Id,
                    (double)right / (2 * item.Skills.Count), minutes * 60, skills));
                foreach (var skill in item.Skills)
                {
                    hidden.Study(skill, 0.4, end);
                }
                break;
        }
        return events;
    }
}
