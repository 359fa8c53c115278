using System.Globalization;

namespace Attune.Plugins.KnowledgeTracing.Planning;

/// <summary>Reasons about skills in words a learner reads at a glance: "practise fractions: mastery 0.41, needed for the next unit".</summary>
public static class MasteryWording
{
    /// <summary>A mastery estimate as two decimals: 0.41.</summary>
    public static string Number(double mastery) => mastery.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"practise fractions: mastery 0.41" plus what it is needed for, if anything.</summary>
    public static string Practise(string skill, double mastery, string? neededFor) =>
        $"practise {skill}: mastery {Number(mastery)}{NeededFor(neededFor)}";

    /// <summary>"start fractions: new to you" plus what it is needed for, if anything.</summary>
    public static string Start(string skill, string? neededFor) => $"start {skill}: new to you{NeededFor(neededFor)}";

    /// <summary>"work towards decimals: it builds on fractions, mastery 0.32 so far".</summary>
    public static string Blocked(string skill, string prerequisite, double prerequisiteMastery) =>
        $"work towards {skill}: it builds on {prerequisite}, mastery {Number(prerequisiteMastery)} so far";

    /// <summary>"fractions again: mastery 0.21 after much practice; revisit the lesson or ask for help".</summary>
    public static string Stuck(string skill, double mastery) =>
        $"{skill} again: mastery {Number(mastery)} after much practice; revisit the lesson or ask for help";

    /// <summary>"keep fractions fresh: mastery 0.97".</summary>
    public static string Mastered(string skill, double mastery) => $"keep {skill} fresh: mastery {Number(mastery)}";

    private static string NeededFor(string? what) => what is null ? "" : $", needed for {what}";
}
