using System.Globalization;

namespace Attune.Bench.Tracing;

/// <summary>
/// One file of a DKVMN-preprocessed ASSISTments split: three lines per student (number of answers,
/// comma-separated skill ids, comma-separated 0/1 correctness), students in file order, answers in time order.
/// </summary>
public sealed class AssistmentsSplit
{
    private AssistmentsSplit(IReadOnlyList<(int[] Skills, bool[] Correct)> students) => Students = students;

    /// <summary>Each student's answers: the skill of each and whether it was correct, oldest first.</summary>
    public IReadOnlyList<(int[] Skills, bool[] Correct)> Students { get; }

    /// <summary>Answers in the file.</summary>
    public int Answers => Students.Sum(s => s.Skills.Length);

    public static AssistmentsSplit Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length % 3 != 0)
        {
            throw new FormatException($"{path}: {lines.Length} non-empty lines, not a multiple of 3.");
        }
        var students = new List<(int[], bool[])>(lines.Length / 3);
        for (var i = 0; i < lines.Length; i += 3)
        {
            var n = int.Parse(lines[i].Trim(), CultureInfo.InvariantCulture);
            var skills = Numbers(lines[i + 1]);
            var correct = Numbers(lines[i + 2]);
            if (skills.Length != n || correct.Length != n)
            {
                throw new FormatException($"{path}: student at line {i + 1} says {n} answers but lists {skills.Length} skills and {correct.Length} answers.");
            }
            students.Add((skills, correct.Select(c => c == 1).ToArray()));
        }
        return new AssistmentsSplit(students);
    }

    private static int[] Numbers(string line) =>
        line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
}
