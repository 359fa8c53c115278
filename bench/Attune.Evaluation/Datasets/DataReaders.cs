using System.Globalization;

namespace Attune.Evaluation.Datasets;

/// <summary>Readers for the file formats the evaluation accepts.</summary>
public static class DataReaders
{
    /// <summary>Where sequence formats without times start their synthetic clock; one minute per step.</summary>
    private static readonly DateTimeOffset SequenceStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// MovieLens u.data style: <c>user item rating timestamp</c> per line, separated by tabs, spaces, commas or
    /// <c>::</c> (ratings.dat); timestamps are Unix seconds. Ratings become scores rating / <paramref name="maxRating"/>.
    /// </summary>
    public static InteractionTable UData(string path, double maxRating = 5)
    {
        var table = new InteractionTable(Path.GetFileName(path), EventKind.Graded, hasTimestamps: true, scoreScale: maxRating);
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split(["::", "\t", " ", ","], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 4 || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating))
            {
                continue; // a header or a blank line
            }
            var time = DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[3], CultureInfo.InvariantCulture));
            table.Add(f[0], f[1], null, time, Math.Clamp(rating / maxRating, 0, 1));
        }
        return table;
    }

    /// <summary><c>user item item …</c> per line, in the order consumed; one synthetic minute per step.</summary>
    public static InteractionTable ItemLists(string path)
    {
        var table = new InteractionTable(Path.GetFileName(path), EventKind.Viewed, hasTimestamps: false, scoreScale: 1);
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            for (var j = 1; j < f.Length; j++)
            {
                table.Add(f[0], f[j], null, SequenceStart.AddMinutes(j), null);
            }
        }
        return table;
    }

    /// <summary>
    /// The knowledge-tracing three-line format (DKT, DKVMN): attempts; skill ids; 0/1 correctness. Each student is a
    /// learner, each skill an item (course <paramref name="course"/>), each attempt an <c>answered</c> event scored 0 or 1.
    /// Files are concatenated with their own student numbering.
    /// </summary>
    public static InteractionTable KnowledgeTracing(string name, string course, params string[] paths)
    {
        var table = new InteractionTable(name, EventKind.Answered, hasTimestamps: false, scoreScale: 1);
        foreach (var path in paths)
        {
            var lines = File.ReadAllLines(path);
            var file = Path.GetFileNameWithoutExtension(path);
            for (int l = 0, student = 0; l + 2 < lines.Length; l += 3, student++)
            {
                var skills = lines[l + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var correct = lines[l + 2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                for (var j = 0; j < Math.Min(skills.Length, correct.Length); j++)
                {
                    table.Add($"{file}-{student}", $"skill-{skills[j]}", course, SequenceStart.AddMinutes(j), correct[j] == "1" ? 1 : 0);
                }
            }
        }
        return table;
    }

    /// <summary>
    /// OULAD: studentAssessment.csv joined with assessments.csv. Learner id_student, item the assessment, course the
    /// module, score/100 (rows without a score are submissions without a grade). Time is the presentation's start
    /// (B = February, J = October of its year) plus date_submitted days, so presentations interleave as they ran.
    /// </summary>
    public static InteractionTable Oulad(string folder)
    {
        var assessments = new Dictionary<string, (string Module, DateTimeOffset Start)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "assessments.csv")).Skip(1))
        {
            var f = line.Split(',').Select(s => s.Trim('"')).ToArray();
            var presentation = f[1];
            var start = new DateTimeOffset(int.Parse(presentation[..4], CultureInfo.InvariantCulture), presentation[4] == 'B' ? 2 : 10, 1, 0, 0, 0, TimeSpan.Zero);
            assessments[f[2]] = (f[0], start);
        }
        var table = new InteractionTable("oulad", EventKind.Graded, hasTimestamps: true, scoreScale: 100);
        foreach (var line in File.ReadLines(Path.Combine(folder, "studentAssessment.csv")).Skip(1))
        {
            var f = line.Split(',').Select(s => s.Trim('"')).ToArray();
            if (!assessments.TryGetValue(f[0], out var a))
            {
                continue;
            }
            var days = int.Parse(f[2], CultureInfo.InvariantCulture);
            double? score = f[4].Length == 0 ? null : Math.Clamp(double.Parse(f[4], CultureInfo.InvariantCulture) / 100, 0, 1);
            table.Add(f[1], $"assessment-{f[0]}", a.Module, a.Start.AddDays(days), score);
        }
        return table;
    }

    /// <summary>
    /// Writes a u.data file of generated low-rank ratings with long-tailed item popularity, for speed runs at a size
    /// where no real file may be shipped (MovieLens may not be redistributed).
    /// </summary>
    public static void WriteSyntheticUData(string path, int users, int items, int ratings, int seed)
    {
        var random = new Random(seed);
        const int rank = 8;
        var u = new float[users * rank];
        var v = new float[items * rank];
        for (var i = 0; i < u.Length; i++)
        {
            u[i] = (float)Gaussian(random);
        }
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)Gaussian(random);
        }
        // Zipf-like popularity: item j is drawn with weight 1/(j+10); each user draws their share of ratings.
        var cumulative = new double[items];
        var total = 0.0;
        for (var j = 0; j < items; j++)
        {
            cumulative[j] = total += 1.0 / (j + 10);
        }
        using var writer = new StreamWriter(path);
        var perUser = ratings / users;
        var seen = new HashSet<int>();
        var t0 = 978_300_000L;
        for (var user = 0; user < users; user++)
        {
            seen.Clear();
            var want = Math.Max(5, (int)(perUser * Math.Exp(0.8 * Gaussian(random) - 0.32)));
            for (var attempt = 0; seen.Count < Math.Min(want, items / 2) && attempt < want * 20; attempt++)
            {
                var x = random.NextDouble() * total;
                var j = Array.BinarySearch(cumulative, x);
                j = j < 0 ? ~j : j;
                j = Math.Min(j, items - 1);
                // Accept with a probability rising with the user's affinity, so the data is low-rank, not just popular.
                var affinity = 0.0;
                for (var f = 0; f < rank; f++)
                {
                    affinity += u[user * rank + f] * v[j * rank + f];
                }
                if (random.NextDouble() > 1 / (1 + Math.Exp(-affinity / 2)) || !seen.Add(j))
                {
                    continue;
                }
                var rating = Math.Clamp((int)Math.Round(3.5 + affinity / 3 + 0.7 * Gaussian(random)), 1, 5);
                writer.Write(FormattableString.Invariant($"{user + 1}\t{j + 1}\t{rating}\t{t0 + random.Next(0, 90_000_000)}\n"));
            }
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
