namespace Attune.Bench.Tracing;

/// <summary>
/// One ASSISTments train/test split in the DKVMN preprocessing (see ../shared/data/SOURCES.md): where its files are
/// under the shared data folder and what to call it in a table.
/// </summary>
public sealed record AssistmentsDataset(string Name, string Folder, string TrainFile, string TestFile)
{
    /// <summary>ASSISTments 2009–2010 skill builder, the de-duplicated "updated" split (110 skills).</summary>
    public static readonly AssistmentsDataset Assist2009 = new(
        "ASSISTments 2009 (dkvmn de-duplicated split)", Path.Combine("assistments-2009", "dkvmn"), "assist2009_updated_train.csv", "assist2009_updated_test.csv");

    /// <summary>ASSISTments 2015 (100 skills).</summary>
    public static readonly AssistmentsDataset Assist2015 = new(
        "ASSISTments 2015 (dkvmn split)", Path.Combine("assistments-2015", "dkvmn"), "assist2015_train.csv", "assist2015_test.csv");
}
