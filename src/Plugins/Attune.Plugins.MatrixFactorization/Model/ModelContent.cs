using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Model;

/// <summary>
/// Everything a trained model holds, as plain arrays (no MathNet types, nothing that needs the trainer): what
/// <see cref="ModelArtifactFormat"/> writes and reads. Factor arrays are row-major; explicit rows are k_e + 1 floats
/// (factors, then bias). Priors are means of trained item rows: per course, per skill and overall.
/// </summary>
internal sealed class ModelContent
{
    public required AlsHyperparameters Implicit { get; init; }
    public required int ExplicitFactors { get; init; }
    public required float ExplicitMean { get; init; }
    public required double ExplicitRegularization { get; init; }
    public required long Learners { get; init; }
    public required long Interactions { get; init; }
    public required string[] ItemIds { get; init; }
    public required string[] ItemCourses { get; init; }
    public required int[] ItemLearners { get; init; }
    public required int[] ItemScores { get; init; }
    public required float[] ItemFactors { get; init; }
    public required float[] ExplicitItems { get; init; }
    public required string[] Courses { get; init; }
    public required int[] CourseLearners { get; init; }
    public required float[] CoursePriors { get; init; }
    public required float[] CourseExplicitPriors { get; init; }
    public required string[] Skills { get; init; }
    public required float[] SkillPriors { get; init; }
    public required float[] SkillExplicitPriors { get; init; }
    public required float[] GlobalPrior { get; init; }
    public required float[] GlobalExplicitPrior { get; init; }

    public int Factors => Implicit.Factors;
    public int ExplicitWidth => ExplicitFactors == 0 ? 0 : ExplicitFactors + 1;
}
