using System.Globalization;

/// <summary>OULAD assessment results as graded events: learner, assessment, its module-presentation, score/100.</summary>
internal sealed record OuladEvent(string Id, string Learner, string Item, string Course, DateTimeOffset At, double? Score)
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<OuladEvent> Load(string folder)
    {
        var courses = File.ReadLines(Path.Combine(folder, "assessments.csv")).Skip(1)
            .Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray())
            .ToDictionary(f => f[2], f => $"{f[0]}-{f[1]}");
        var events = new List<OuladEvent>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "studentAssessment.csv")).Skip(1))
        {
            var f = line.Split(',');
            var score = double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s / 100, 0, 1) : (double?)null;
            var day = int.TryParse(f[2], out var d) ? d : 0;
            events.Add(new OuladEvent($"{f[0]}-{f[1]}", f[1], $"assessment-{f[0]}", courses.GetValueOrDefault(f[0], "unknown"), Start.AddDays(day), score));
        }
        return events.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }
}
