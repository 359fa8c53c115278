using System.Globalization;
using Attune.Evaluation.Datasets;
using Attune.Evaluation.Protocol;

// Offline evaluation of the matrix-factorization plugin; see README.md beside this file.
var args_ = args.ToList();
string? Option(string name) => args_.IndexOf(name) is var i and >= 0 && i + 1 < args_.Count ? args_[i + 1] : null;
List<string> Options(string name) => [.. args_.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args_.Count).Select(p => args_[p.i + 1])];
if (args_.Contains("--help"))
{
    Console.WriteLine("""
        Attune.Evaluation [--dataset oulad|assist2009|assist2015|assist2009-dkt|all] [--data DIR]
                          [--udata FILE [--positive 4]] [--lists FILE] [--kt FILE ...]
                          [--prequential N] [--set Key=Value ...] [--out FILE]
                          [--speed [--factors 64] [--epochs 15] [--solver cholesky|cg]] [--synthetic-udata FILE --ratings N]
        """);
    return 0;
}

var dataRoot = Option("--data") ?? FindSharedData();
var prequential = int.Parse(Option("--prequential") ?? "20000", CultureInfo.InvariantCulture);
var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
foreach (var pair in Options("--set"))
{
    var at = pair.IndexOf('=');
    settings[pair[..at]] = pair[(at + 1)..];
}

if (Option("--synthetic-udata") is { } syntheticPath)
{
    var ratings = int.Parse(Option("--ratings") ?? "670000", CultureInfo.InvariantCulture);
    DataReaders.WriteSyntheticUData(syntheticPath, users: 6040, items: 3700, ratings, seed: 1);
    Console.WriteLine($"wrote {syntheticPath}");
    return 0;
}

var tables = new List<(InteractionTable Table, double? Positive)>();
if (Option("--udata") is { } udata)
{
    tables.Add((DataReaders.UData(udata), Option("--positive") is { } p ? double.Parse(p, CultureInfo.InvariantCulture) : null));
}
if (Option("--lists") is { } lists)
{
    tables.Add((DataReaders.ItemLists(lists), null));
}
if (Options("--kt") is { Count: > 0 } kt)
{
    tables.Add((DataReaders.KnowledgeTracing(Path.GetFileName(kt[0]), "kt", [.. kt]), null));
}
var dataset = Option("--dataset") ?? (tables.Count == 0 ? "all" : null);
if (dataset is "oulad" or "all")
{
    tables.Add((DataReaders.Oulad(Path.Combine(dataRoot, "oulad")), null));
}
if (dataset is "assist2009" or "all")
{
    var folder = Path.Combine(dataRoot, "assistments-2009", "dkvmn");
    tables.Add((DataReaders.KnowledgeTracing("assist2009 (dkvmn, train+test)", "assist2009",
        Path.Combine(folder, "assist2009_updated_train.csv"), Path.Combine(folder, "assist2009_updated_test.csv")), null));
}
if (dataset is "assist2015" or "all")
{
    var folder = Path.Combine(dataRoot, "assistments-2015", "dkvmn");
    tables.Add((DataReaders.KnowledgeTracing("assist2015 (dkvmn, train+test)", "assist2015",
        Path.Combine(folder, "assist2015_train.csv"), Path.Combine(folder, "assist2015_test.csv")), null));
}
if (dataset is "assist2009-dkt")
{
    var folder = Path.Combine(dataRoot, "assistments-2009", "dkt");
    tables.Add((DataReaders.KnowledgeTracing("assist2009 (dkt, train+test)", "assist2009",
        Path.Combine(folder, "builder_train.csv"), Path.Combine(folder, "builder_test.csv")), null));
}

var output = new System.Text.StringBuilder();
output.AppendLine(CultureInfo.InvariantCulture, $"## Attune.Evaluation {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
output.AppendLine();
output.AppendLine($"Command: `dotnet run -c Release --project bench/Attune.Evaluation -- {string.Join(' ', args)}`");
output.AppendLine();
foreach (var (table, positive) in tables)
{
    Console.Error.WriteLine($"{table.Name}: {table.Rows.Count:N0} rows");
    if (args_.Contains("--speed"))
    {
        output.Append(await SpeedBenchmark.RunAsync(table, int.Parse(Option("--factors") ?? "64", CultureInfo.InvariantCulture),
            int.Parse(Option("--epochs") ?? "15", CultureInfo.InvariantCulture), Option("--solver") ?? "cholesky", foldIns: 20_000));
        continue;
    }
    var report = await new EvaluationRun(table, settings, prequential, positive, Console.Error).RunAsync();
    output.Append(report.ToMarkdown());
}
Console.WriteLine(output);
if (Option("--out") is { } outPath)
{
    File.AppendAllText(outPath, output.ToString());
}
return 0;

static string FindSharedData()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Attune.slnx")))
        {
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        }
    }
    return Path.GetFullPath(Path.Combine("..", "shared", "data"));
}
