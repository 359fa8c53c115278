namespace Attune.Plugins.MatrixFactorization.Model;

/// <summary>Where the factors of an item without its own came from.</summary>
internal enum PriorSource
{
    Course,
    Skills,
    CourseAndSkills,
    Global,
}
