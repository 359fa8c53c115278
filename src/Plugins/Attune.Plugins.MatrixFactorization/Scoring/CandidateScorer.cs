using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using Attune.Plugins.MatrixFactorization.Model;

namespace Attune.Plugins.MatrixFactorization.Scoring;

/// <summary>
/// Scores candidates for one learner. With a model and a learner the model knows something about: x_uᵀy_i for items
/// with factors, x_uᵀ(prior) for items without (their course's and skills' mean item), with the predicted score in
/// the reason where the explicit model has one. Without a model, or for a learner without modelled activity: the
/// item's popularity in its course. Finished items are left out; each candidate is scored at most once; every score
/// is finite. Per candidate nothing is allocated but the result and its reason.
/// </summary>
internal static class CandidateScorer
{
    public static IReadOnlyList<ScoredCandidate> Score(ScoringContext context, int maxScored)
    {
        var model = context.Model as MatrixFactorizationModel;
        var result = new List<ScoredCandidate>(context.Candidates.Count);
        var seen = new HashSet<(ItemId, CourseId)>(context.Candidates.Count);
        var known = model is null ? 0 : KnownItems(model, context);
        if (model is null || known == 0)
        {
            var why = model is null ? Wording.NoModelYet : Wording.NoActivityYet;
            foreach (var c in context.Candidates)
            {
                if (Skip(c, context, seen))
                {
                    continue;
                }
                var (peers, learners) = Popularity(model, c);
                var share = learners > 0 ? (double)peers / learners : 0;
                result.Add(new ScoredCandidate(c, share, Wording.Popular(c.Course, peers, learners, why)));
            }
            return Trim(result, maxScored);
        }

        float[]? folded = null;
        var embedding = context.Embedding is { } stored && model.Owns(stored)
            ? stored
            : folded = LearnerFoldIn.Compute(model, context.History, out _); // stale or missing: fold in now, exactly
        var k = model.Factors;
        var prior = ArrayPool<float>.Shared.Rent(k);
        try
        {
            var x = embedding.AsSpan(1, k);
            foreach (var c in context.Candidates)
            {
                if (Skip(c, context, seen))
                {
                    continue;
                }
                if (model.TryGetItem(c.Item, out var item))
                {
                    var score = Finite(model.Preference(embedding, item));
                    var predicted = model.PredictScore(embedding, item);
                    result.Add(new ScoredCandidate(c, score, predicted is { } p ? Wording.SimilarWithScore(p) : Wording.Similar));
                }
                else
                {
                    var source = model.Prior(c.Course, c.Skills, prior.AsSpan(0, k), out var skillsUsed);
                    var score = Finite(TensorPrimitives.Dot(x, prior.AsSpan(0, k)));
                    result.Add(new ScoredCandidate(c, score, Wording.NewItem(c, source, skillsUsed)));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(prior);
        }
        GC.KeepAlive(folded);
        return Trim(result, maxScored);
    }

    private static int KnownItems(MatrixFactorizationModel model, ScoringContext context)
    {
        var known = 0;
        foreach (var item in context.History.Items.Keys)
        {
            known += model.TryGetItem(item, out _) ? 1 : 0;
        }
        return known;
    }

    // Finished items are not worth recommending again; repeated candidates are scored once.
    private static bool Skip(Candidate c, ScoringContext context, HashSet<(ItemId, CourseId)> seen) =>
        c is null
        || (context.History.Items.TryGetValue(c.Item, out var progress) && progress.IsFinished)
        || !seen.Add((c.Item, c.Course));

    // Classmates now (the host's live count) when the host knows them, else learners at training time.
    private static (int Peers, int Learners) Popularity(MatrixFactorizationModel? model, Candidate c)
    {
        if (c.CourseLearners > 0)
        {
            return (Math.Min(c.PeersEngaged, c.CourseLearners), c.CourseLearners);
        }
        if (model is not null && model.TryGetItem(c.Item, out var item) && model.TryGetCourse(c.Course, out var course))
        {
            return (model.LearnersOf(item), model.CourseLearners(course));
        }
        return (0, 0);
    }

    private static double Finite(float score) => float.IsFinite(score) ? score : 0;

    private static IReadOnlyList<ScoredCandidate> Trim(List<ScoredCandidate> result, int maxScored)
    {
        if (maxScored <= 0 || result.Count <= maxScored)
        {
            return result;
        }
        result.Sort((a, b) => b.Score.CompareTo(a.Score));
        result.RemoveRange(maxScored, result.Count - maxScored);
        return result;
    }

    /// <summary>The reasons, in words a learner understands.</summary>
    private static class Wording
    {
        public const string NoModelYet = "Personal recommendations start after the first model training.";
        public const string NoActivityYet = "Recommendations become personal once you have some activity here.";
        public const string Similar = "Learners whose activity resembles yours worked on this.";

        public static string SimilarWithScore(double predicted) =>
            string.Create(CultureInfo.InvariantCulture, $"Learners whose activity resembles yours worked on this; your predicted score is {predicted:P0}.");

        public static string Popular(CourseId course, int peers, int learners, string why) => learners switch
        {
            0 => $"Course popularity in {course}: no classmate activity is known yet. {why}",
            _ => string.Create(CultureInfo.InvariantCulture, $"Course popularity: {peers} of {learners} learners in {course} worked on this. {why}"),
        };

        public static string NewItem(Candidate c, PriorSource source, int skillsUsed) => source switch
        {
            PriorSource.Course => $"New in {c.Course}: no activity on it is modelled yet, so it is ranked like the course's other items.",
            PriorSource.Skills => $"New item: no activity on it is modelled yet, so it is ranked like other items on {Skills(c, skillsUsed)}.",
            PriorSource.CourseAndSkills => $"New in {c.Course}: no activity on it is modelled yet, so it is ranked like the course's other items and other items on {Skills(c, skillsUsed)}.",
            _ => "New item: neither it nor its course has modelled activity yet, so it is ranked like an average item.",
        };

        private static string Skills(Candidate c, int used) =>
            used == 1 || c.Skills.Count == 1 ? "the same skill" : "the same skills";
    }
}
