namespace Attune.Outcomes.Bench;

/// <summary>What the learners of one family reached under one configuration.</summary>
/// <param name="Mastery">Mean hidden knowledge over the course's skills three days after the last day, averaged over learners.</param>
/// <param name="MasterySd">Standard deviation of that between learners.</param>
/// <param name="StartMastery">The same on the first morning.</param>
/// <param name="MinutesPerDay">Minutes actually spent per learner per day.</param>
/// <param name="FullDayShare">Of the learner-days that ended with useful work left, the share that used at least 90 % of the day's minutes.</param>
/// <param name="DaysWithWorkLeft">How many learner-days ended with useful work left.</param>
/// <param name="PlannedShare">Minutes the plans said they take over the minutes asked for, over all calls.</param>
public sealed record ConfigurationOutcome(
    BenchConfiguration Configuration, double Mastery, double MasterySd, double StartMastery, double MinutesPerDay,
    double FullDayShare, int DaysWithWorkLeft, double PlannedShare, double CallsPerDay, int Fallbacks, int UnknownItems);
