using System.Buffers;
using Attune.Learners;
using Attune.Plugins.MatrixFactorization.Numerics;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Model;

/// <summary>
/// Exact fold-in: recomputes a learner's embedding from their whole history with exactly training's learner
/// half-step (<see cref="ImplicitAls.SolveRow"/> and <see cref="ExplicitMatrixFactorization.SolveRow"/>) against the
/// model's item factors and shared Gramian, with the model's own confidence function and λ. Items are taken in the
/// model's index order, as training's rows are, so the result matches training bit for bit. Folding in only the newest
/// events would be wrong: the least-squares solution depends on every item at once.
/// </summary>
internal static class LearnerFoldIn
{
    [ThreadStatic]
    private static Workspace? _workspace;

    /// <summary>Folds in and returns the embedding (<see cref="MatrixFactorizationModel.EmbeddingLength"/> floats).</summary>
    public static float[] Compute(MatrixFactorizationModel model, LearnerHistory history, out int knownItems)
    {
        var embedding = new float[model.EmbeddingLength];
        knownItems = Compute(model, history, embedding);
        return embedding;
    }

    /// <summary>Folds into <paramref name="embedding"/>; returns how many of the learner's items the model knows.</summary>
    public static int Compute(MatrixFactorizationModel model, LearnerHistory history, Span<float> embedding)
    {
        var content = model.Content;
        var k = content.Factors;
        var ew = content.ExplicitWidth;
        var w = _workspace;
        if (w is null || w.Implicit.K != k || (ew > 0 && w.Explicit?.K != ew))
        {
            _workspace = w = new Workspace(k, ew);
        }
        var capacity = history.Items.Count;
        var columns = ArrayPool<int>.Shared.Rent(Math.Max(1, capacity));
        var confidence = ArrayPool<float>.Shared.Rent(Math.Max(1, capacity));
        var scoredColumns = ArrayPool<int>.Shared.Rent(Math.Max(1, capacity));
        var scores = ArrayPool<float>.Shared.Rent(Math.Max(1, capacity));
        try
        {
            int n = 0, m = 0;
            var h = model.Hyperparameters;
            foreach (var item in history.Items.Values)
            {
                if (!model.TryGetItem(item.Item, out var index))
                {
                    continue; // an item trained after this model: nothing to fold against until the next training
                }
                var aggregate = InteractionAggregate.From(item);
                columns[n] = index;
                confidence[n++] = h.Confidence.Confidence(aggregate);
                if (ew > 0 && aggregate.HasScore)
                {
                    scoredColumns[m] = index;
                    scores[m++] = (float)aggregate.LastScore;
                }
            }
            columns.AsSpan(0, n).Sort(confidence.AsSpan(0, n));
            embedding[0] = model.Stamp;
            ImplicitAls.SolveRow(columns.AsSpan(0, n), confidence.AsSpan(0, n), content.ItemFactors, model.ScaledGramian,
                content.ItemIds.Length, h, w.Implicit, embedding.Slice(1, k));
            if (ew > 0)
            {
                scoredColumns.AsSpan(0, m).Sort(scores.AsSpan(0, m));
                ExplicitMatrixFactorization.SolveRow(scoredColumns.AsSpan(0, m), scores.AsSpan(0, m), content.ExplicitItems,
                    content.ExplicitFactors, content.ExplicitMean, content.ExplicitRegularization, w.Explicit!, w.Feature,
                    embedding.Slice(1 + k, ew));
            }
            return n;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columns);
            ArrayPool<float>.Shared.Return(confidence);
            ArrayPool<int>.Shared.Return(scoredColumns);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private sealed class Workspace(int k, int explicitWidth)
    {
        public NormalEquations Implicit { get; } = new(k);
        public NormalEquations? Explicit { get; } = explicitWidth > 0 ? new NormalEquations(explicitWidth) : null;
        public float[] Feature { get; } = new float[Math.Max(1, explicitWidth)];
    }
}
