using Attune.Plugins.StudyPlanner.Learning;

namespace Attune.Plugins.StudyPlanner.Tests;

/// <summary>
/// Learners drawn from a known truth, so a fit can be checked against it: each item teaches an unknown skill with its own
/// probability per session, and a skill can be learned only once its prerequisite is known (a hard gate). Every learner
/// studies the items in a shuffled order, one session a day, answering a question on the skill at the start of each.
/// </summary>
internal sealed class SyntheticCohort
{
    public record Truth(string Item, string Skill, double Learn, string Kind);

    public static List<LearningEvent> Generate(IReadOnlyList<Truth> items, IReadOnlyDictionary<string, string> prerequisites, int learners, int seed,
        double guess = 0.15, double slip = 0.1, double prior = 0.1, int rounds = 3)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
        var events = new List<LearningEvent>();
        for (var u = 0; u < learners; u++)
        {
            var learner = new LearnerId($"u{u}");
            var known = items.Select(i => i.Skill).Distinct().ToDictionary(s => s, _ => random.NextDouble() < prior);
            var day = 0;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var item in items.OrderBy(_ => random.Next()))
                {
                    // Knowledge tracing's own story: a session's answer shows what the learner knew coming in; then it teaches.
                    var t = start.AddDays(day++);
                    var correct = known[item.Skill] ? random.NextDouble() > slip : random.NextDouble() < guess;
                    events.Add(new LearningEvent($"{u}-{day}-q", learner, new ItemId(item.Item), EventKind.Answered, t,
                        new CourseId("c"), score: correct ? 1 : 0, skills: [new SkillId(item.Skill)]));
                    events.Add(new LearningEvent($"{u}-{day}-s", learner, new ItemId(item.Item), EventKind.Completed, t.AddMinutes(10),
                        new CourseId("c"), skills: [new SkillId(item.Skill)]));
                    var ready = !prerequisites.TryGetValue(item.Skill, out var pre) || known[pre];
                    if (!known[item.Skill] && ready && random.NextDouble() < item.Learn)
                    {
                        known[item.Skill] = true;
                    }
                }
            }
        }
        return events;
    }

    public static LearningModelFit Fit(IEnumerable<LearningEvent> events, IReadOnlyDictionary<string, string> kinds, StudyPlannerOptions? options = null)
    {
        options ??= new StudyPlannerOptions();
        var tracer = new StudyTracer(options);
        var chains = StudyChains.Build(events, e => e.Skills, tracer, CancellationToken.None);
        return LearningModelFitter.Fit(chains, kinds, options, CancellationToken.None);
    }
}
