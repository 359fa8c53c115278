using System.Numerics.Tensors;
using Attune.Plugins.MatrixFactorization.Numerics;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Model;

/// <summary>
/// A loaded model, shared read-only by every learner of a silo: item factors and their Gramian YᵀY (computed once
/// here, with the same deterministic routine training used, so fold-in reproduces training's learner half-step), the
/// explicit model, priors for items without factors, and popularity for learners without history.
/// </summary>
/// <remarks>
/// Embeddings folded against this model are laid out as [stamp, x_u (k), p_u (k_e), b_u]: the stamp identifies the
/// model, so an embedding folded against another model version is recognised and refolded instead of scored.
/// </remarks>
public sealed class MatrixFactorizationModel : IRecommenderModel
{
    private readonly Dictionary<ItemId, int> _itemIndex;
    private readonly Dictionary<CourseId, int> _courseIndex;
    private readonly Dictionary<SkillId, int> _skillIndex;

    internal MatrixFactorizationModel(ModelArtifact artifact, ModelContent content)
    {
        Artifact = artifact;
        Content = content;
        _itemIndex = new Dictionary<ItemId, int>(content.ItemIds.Length);
        for (var i = 0; i < content.ItemIds.Length; i++)
        {
            _itemIndex[new ItemId(content.ItemIds[i])] = i;
        }
        _courseIndex = new Dictionary<CourseId, int>(content.Courses.Length);
        for (var i = 0; i < content.Courses.Length; i++)
        {
            _courseIndex[new CourseId(content.Courses[i])] = i;
        }
        _skillIndex = new Dictionary<SkillId, int>(content.Skills.Length);
        for (var i = 0; i < content.Skills.Length; i++)
        {
            _skillIndex[new SkillId(content.Skills[i])] = i;
        }
        Gramian = Numerics.Gramian.Compute(content.ItemFactors, content.ItemIds.Length, content.Factors);
        ScaledGramian = Numerics.Gramian.Scaled(Gramian, content.Implicit.UnobservedWeight);
        Stamp = StampOf(artifact.Data);
    }

    /// <inheritdoc />
    public ModelArtifact Artifact { get; }

    /// <summary>Latent factors k of the implicit model.</summary>
    public int Factors => Content.Factors;

    /// <summary>Latent factors of the explicit model; 0 when none was trained.</summary>
    public int ExplicitFactors => Content.ExplicitFactors;

    /// <summary>Items with factors.</summary>
    public int ItemCount => Content.ItemIds.Length;

    /// <summary>Length of the embeddings fold-in produces against this model.</summary>
    public int EmbeddingLength => 1 + Content.Factors + Content.ExplicitWidth;

    internal ModelContent Content { get; }

    internal double[] Gramian { get; }

    /// <summary>α₀·YᵀY as floats: what fold-in's solve starts from, exactly as training's half-step does.</summary>
    internal float[] ScaledGramian { get; }

    /// <summary>An exact float integer in [1, 2²⁴) derived from the artifact's bytes.</summary>
    internal float Stamp { get; }

    internal AlsHyperparameters Hyperparameters => Content.Implicit;

    /// <summary>The dense index of <paramref name="item"/>, if it has factors.</summary>
    public bool TryGetItem(ItemId item, out int index) => _itemIndex.TryGetValue(item, out index);

    /// <summary>The id of item <paramref name="index"/>.</summary>
    public ItemId ItemAt(int index) => new(Content.ItemIds[index]);

    /// <summary>Item <paramref name="index"/>'s implicit factors.</summary>
    public ReadOnlySpan<float> ItemFactors(int index) => Content.ItemFactors.AsSpan((int)((long)index * Factors), Factors);

    /// <summary>Whether <paramref name="embedding"/> was folded against this model.</summary>
    public bool Owns(ReadOnlySpan<float> embedding) => embedding.Length == EmbeddingLength && embedding[0] == Stamp;

    /// <summary>The implicit preference x_uᵀy_i of a learner for a known item.</summary>
    public float Preference(ReadOnlySpan<float> embedding, int item) =>
        TensorPrimitives.Dot(embedding.Slice(1, Factors), ItemFactors(item));

    /// <summary>
    /// The predicted score (0..1) of the learner on a known item, or <c>null</c> when there is no explicit model, the
    /// item was never scored in training, or the learner has no scores the model knows.
    /// </summary>
    public double? PredictScore(ReadOnlySpan<float> embedding, int item)
    {
        var w = Content.ExplicitWidth;
        if (w == 0 || Content.ItemScores[item] == 0)
        {
            return null;
        }
        var learner = embedding.Slice(1 + Factors, w);
        if (learner.IndexOfAnyExcept(0f) < 0)
        {
            return null;
        }
        return Training.ExplicitFactors.Predict(Content.ExplicitMean, learner, Content.ExplicitItems.AsSpan((int)((long)item * w), w));
    }

    /// <summary>
    /// The explicit model's r̂ = μ + b_u + b_i + p_uᵀq_i for a known item, whatever the learner's evidence (μ + b_i for
    /// a learner without scores); <c>null</c> without an explicit model. For evaluation; reasons use <see cref="PredictScore"/>.
    /// </summary>
    public double? ExpectedScore(ReadOnlySpan<float> embedding, int item)
    {
        var w = Content.ExplicitWidth;
        return w == 0 ? null : Training.ExplicitFactors.Predict(Content.ExplicitMean, embedding.Slice(1 + Factors, w), Content.ExplicitItems.AsSpan((int)((long)item * w), w));
    }

    internal int LearnersOf(int item) => Content.ItemLearners[item];

    internal string CourseOf(int item) => Content.ItemCourses[item];

    internal bool TryGetCourse(CourseId course, out int index) => _courseIndex.TryGetValue(course, out index);

    internal int CourseLearners(int course) => Content.CourseLearners[course];

    /// <summary>
    /// Writes the prior for an item without factors: the mean of its course's prior and its known skills' mean prior
    /// (each when known), else the global mean item. Returns what it used, for the reason.
    /// </summary>
    internal PriorSource Prior(CourseId course, IReadOnlyList<SkillId> skills, Span<float> prior, out int skillsUsed)
    {
        var k = Factors;
        prior.Clear();
        var hasCourse = _courseIndex.TryGetValue(course, out var c);
        skillsUsed = 0;
        for (var j = 0; j < skills.Count; j++) // an indexed loop: no enumerator per scored item
        {
            if (_skillIndex.TryGetValue(skills[j], out var s))
            {
                TensorPrimitives.Add(prior, Content.SkillPriors.AsSpan(s * k, k), prior);
                skillsUsed++;
            }
        }
        if (skillsUsed > 0)
        {
            TensorPrimitives.Multiply(prior, 1f / skillsUsed, prior);
        }
        if (hasCourse)
        {
            var coursePrior = Content.CoursePriors.AsSpan(c * k, k);
            if (skillsUsed > 0)
            {
                TensorPrimitives.Add(prior, coursePrior, prior);
                TensorPrimitives.Multiply(prior, 0.5f, prior);
            }
            else
            {
                coursePrior.CopyTo(prior);
            }
        }
        if (!hasCourse && skillsUsed == 0)
        {
            Content.GlobalPrior.CopyTo(prior);
            return PriorSource.Global;
        }
        return hasCourse ? (skillsUsed > 0 ? PriorSource.CourseAndSkills : PriorSource.Course) : PriorSource.Skills;
    }

    // FNV-1a over the artifact, folded to 24 bits so the stamp is an exact float; never 0 (an all-zero embedding).
    private static float StampOf(byte[] data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619u;
        }
        var folded = ((hash >> 24) ^ hash) & 0xFFFFFF;
        return folded == 0 ? 1 : folded;
    }
}
