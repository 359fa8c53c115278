using System.Globalization;

namespace Attune.Bench;

/// <summary>
/// The events the bench sends, made from real OULAD rows: each studentAssessment row becomes a <c>graded</c> event of
/// its student on <c>assessment-&lt;id&gt;</c> in the assessment's course (module-presentation), score/100.
/// </summary>
/// <remarks>
/// Rows stay in file order, which OULAD sorts by assessment: a batch of 100 is one assessment's grades for about
/// 100 different students, the shape of an LMS grade export, so each batch touches about 100 grains.
/// </remarks>
public sealed class OuladWorkload
{
    /// <summary>
    /// Day 0 of OULAD's relative dates. Submissions run from day -11 to day 608, and the silo refuses timestamps
    /// more than a day in the future, so day 0 sits far enough back that day 608 is in the past.
    /// </summary>
    public static readonly DateTimeOffset DayZero = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private OuladWorkload(List<LearningEvent> events, Dictionary<string, string> courseOfLearner, int graded, int viewedPasses, int missingScores)
    {
        Events = events;
        CourseOfLearner = courseOfLearner;
        Graded = graded;
        ViewedPasses = viewedPasses;
        MissingScores = missingScores;
    }

    public IReadOnlyList<LearningEvent> Events { get; }

    /// <summary>Each learner's first course, the one recommendations are asked for.</summary>
    public IReadOnlyDictionary<string, string> CourseOfLearner { get; }

    public int Graded { get; }

    /// <summary>How many times the graded rows were replayed as <c>viewed</c> events to reach the requested count.</summary>
    public int ViewedPasses { get; }

    public int MissingScores { get; }

    public int Courses => CourseOfLearner.Values.Distinct(StringComparer.Ordinal).Count();

    public string Describe() =>
        $"{Events.Count:N0} events of {CourseOfLearner.Count:N0} learners in {Courses} courses: {Math.Min(Graded, Events.Count):N0} 'graded' " +
        $"from oulad/studentAssessment.csv ({MissingScores:N0} without a score)" +
        (ViewedPasses > 0
            ? $", then the same rows replayed {ViewedPasses}x as 'viewed' with their own ids, because {Graded:N0} events alone are too few for a stable rate"
            : "");

    /// <param name="events">How many events to make; 0 means the graded rows plus one 'viewed' replay.</param>
    public static OuladWorkload Load(string dataFolder, int learners, int events)
    {
        var oulad = Path.Combine(dataFolder, "oulad");
        var assessments = Path.Combine(oulad, "assessments.csv");
        var grades = Path.Combine(oulad, "studentAssessment.csv");
        if (!File.Exists(assessments) || !File.Exists(grades))
        {
            throw new InvalidOperationException($"OULAD not found: expected {assessments} and {grades} (set --data).");
        }

        var courseOfAssessment = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = new StreamReader(assessments))
        {
            var header = Columns(reader.ReadLine());
            int module = Index(header, "code_module"), presentation = Index(header, "code_presentation"), id = Index(header, "id_assessment");
            while (reader.ReadLine() is { } line)
            {
                var f = Columns(line);
                courseOfAssessment[f[id]] = $"{f[module]}-{f[presentation]}";
            }
        }

        var rows = new List<(string Assessment, string Learner, int Day, double? Score, string Course)>();
        var courseOfLearner = new Dictionary<string, string>(StringComparer.Ordinal);
        var missingScores = 0;
        using (var reader = new StreamReader(grades))
        {
            var header = Columns(reader.ReadLine());
            int assessment = Index(header, "id_assessment"), student = Index(header, "id_student"),
                submitted = Index(header, "date_submitted"), score = Index(header, "score");
            while (reader.ReadLine() is { } line)
            {
                var f = Columns(line);
                var learner = f[student];
                if (!courseOfLearner.ContainsKey(learner))
                {
                    if (courseOfLearner.Count >= learners)
                    {
                        continue; // only the first N distinct learners, in file order
                    }
                    courseOfLearner[learner] = courseOfAssessment[f[assessment]];
                }
                double? grade = f[score].Length == 0 ? null : double.Parse(f[score], CultureInfo.InvariantCulture) / 100;
                missingScores += grade is null ? 1 : 0;
                rows.Add((f[assessment], learner, int.Parse(f[submitted], CultureInfo.InvariantCulture), grade,
                    courseOfAssessment[f[assessment]]));
            }
        }

        var wanted = events == 0 ? rows.Count * 2 : events;
        var list = new List<LearningEvent>(wanted);
        var pass = 0;
        while (list.Count < wanted)
        {
            foreach (var r in rows)
            {
                if (list.Count == wanted)
                {
                    break;
                }
                var suffix = pass switch { 0 => "", 1 => "-viewed", _ => $"-viewed{pass}" };
                list.Add(new LearningEvent(
                    $"{r.Assessment}-{r.Learner}{suffix}",
                    new LearnerId(r.Learner),
                    new ItemId($"assessment-{r.Assessment}"),
                    pass == 0 ? EventKind.Graded : EventKind.Viewed,
                    DayZero.AddDays(r.Day),
                    new CourseId(r.Course),
                    pass == 0 ? r.Score : null));
            }
            pass++;
        }
        return new OuladWorkload(list, courseOfLearner, rows.Count, pass - 1, missingScores);
    }

    /// <summary>The events cut into batches of <paramref name="size"/>, in order.</summary>
    public List<LearningEvent[]> Batches(int size) => Events.Chunk(size).ToList();

    // OULAD's fields never contain commas; assessments.csv quotes every field, studentAssessment.csv none.
    private static string[] Columns(string? line) =>
        (line ?? throw new InvalidOperationException("A CSV file is empty.")).TrimEnd('\r').Split(',').Select(f => f.Trim('"')).ToArray();

    private static int Index(string[] header, string column)
    {
        var i = Array.IndexOf(header, column);
        return i >= 0 ? i : throw new InvalidOperationException($"Column '{column}' is missing from the OULAD header.");
    }
}
