using Attune.Plugins;

namespace Attune.Plugins.MatrixFactorization.Tests;

/// <summary>
/// Small generated journals with a known low-rank structure: each learner and item has a hidden vector, learners
/// pick items with probability rising with their affinity, and scores follow the affinity plus noise. Events are in
/// time order and mix every kind the confidence function reads (views, attempts, time on task, completions, scores).
/// </summary>
internal static class SyntheticLearners
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public static List<LearningEvent> Journal(int learners = 200, int items = 120, int rank = 4, int perLearner = 18, int seed = 7, int courses = 3)
    {
        var random = new Random(seed);
        var u = Matrix(random, learners, rank);
        var v = Matrix(random, items, rank);
        var events = new List<LearningEvent>();
        var id = 0;
        for (var l = 0; l < learners; l++)
        {
            var weights = new double[items];
            for (var i = 0; i < items; i++)
            {
                weights[i] = Math.Exp(3 * Dot(u[l], v[i]));
            }
            var chosen = new HashSet<int>();
            while (chosen.Count < perLearner)
            {
                chosen.Add(Sample(random, weights));
            }
            var t = Start.AddHours(random.Next(0, 200));
            foreach (var i in chosen)
            {
                var learner = new LearnerId($"learner-{l}");
                var item = new ItemId($"item-{i}");
                var course = new CourseId($"course-{i % courses}");
                SkillId[] skills = [new($"skill-{i % 7}")];
                t = t.AddMinutes(5 + random.Next(60));
                events.Add(new LearningEvent($"e{id++}", learner, item, EventKind.Viewed, t, course, durationSeconds: random.Next(30, 900), skills: skills));
                if (random.NextDouble() < 0.6)
                {
                    var score = Math.Clamp(0.55 + 0.25 * Dot(u[l], v[i]) + 0.08 * Gaussian(random), 0, 1);
                    t = t.AddMinutes(3);
                    events.Add(new LearningEvent($"e{id++}", learner, item, EventKind.Answered, t, course, score: score, skills: skills));
                    if (random.NextDouble() < 0.5)
                    {
                        t = t.AddMinutes(2);
                        events.Add(new LearningEvent($"e{id++}", learner, item, EventKind.Graded, t, course, score: Math.Clamp(score + 0.05, 0, 1)));
                    }
                }
                if (random.NextDouble() < 0.2)
                {
                    t = t.AddMinutes(1);
                    events.Add(new LearningEvent($"e{id++}", learner, item, EventKind.Reviewed, t, course));
                }
            }
        }
        return events;
    }

    public static double[][] Matrix(Random random, int rows, int rank)
    {
        var m = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            m[r] = new double[rank];
            for (var f = 0; f < rank; f++)
            {
                m[r][f] = Gaussian(random) / Math.Sqrt(rank);
            }
        }
        return m;
    }

    public static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Sample(Random random, double[] weights)
    {
        var total = weights.Sum();
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}
