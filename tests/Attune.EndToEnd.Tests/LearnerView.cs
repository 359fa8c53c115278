namespace Attune.EndToEnd.Tests;

/// <summary>The learner model as <c>GET /api/v1/learners/{learner}</c> returns it.</summary>
public sealed record LearnerView(
    string Learner,
    long EventsApplied,
    long LastSequence,
    DateTime? FirstActivity,
    DateTime? LastActivity,
    Dictionary<string, long> CountsByKind,
    List<LearnerView.CourseView> Courses,
    List<LearnerView.ItemView> Items,
    List<LearnerView.DayView> MinutesByDay)
{
    public sealed record CourseView(string Course, long Events, int ItemsTouched, int ItemsFinished, double Minutes);

    public sealed record ItemView(
        string Item, string? Course, int Events, int Attempts, double? BestScore, double? LastScore, double Minutes, DateTime? FinishedAt);

    public sealed record DayView(DateOnly Date, double Minutes);
}
