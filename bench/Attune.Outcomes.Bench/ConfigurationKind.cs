namespace Attune.Outcomes.Bench;

/// <summary>Who plans: the bench itself (course order, all-seeing) or the silo.</summary>
public enum ConfigurationKind
{
    CourseOrder,
    Silo,
    AllSeeing,
}
