namespace Attune.Silo.Jobs;

/// <summary>The <c>Attune:Jobs</c> section: Hangfire and the recurring work it runs.</summary>
public sealed class JobOptions
{
    public const string Section = "Attune:Jobs";

    /// <summary>Run a Hangfire server in this silo (the dashboard and the admin API work either way).</summary>
    public bool Server { get; set; } = true;

    /// <summary>Hangfire workers in this silo; training is CPU-bound, so a few are enough.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often idle workers look for a triggered job: a trigger starts within about this long.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a job taken by a silo that died stays invisible before another worker reruns it.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a job's lock (one refactorization per tenant) outlives a silo that died holding it. A live holder keeps
    /// renewing it; keep it well below <see cref="InvisibilityTimeout"/>, so a rerun finds the dead holder's lock expired.
    /// </summary>
    public TimeSpan DistributedLockLifetime { get; set; } = TimeSpan.FromSeconds(30);

    public RefactorizeOptions Refactorize { get; set; } = new();

    public StrategyFitOptions FitStrategies { get; set; } = new();
}

public sealed class RefactorizeOptions
{
    /// <summary>Cron (UTC) of each tenant's refactorization; default hourly.</summary>
    public string Cron { get; set; } = "0 * * * *";

    /// <summary>Share of the journal, newest first, held out to compare the new model with the serving one.</summary>
    public double HoldoutFraction { get; set; } = 0.1;

    /// <summary>Learners measured at most on the holdout.</summary>
    public int HoldoutLearners { get; set; } = 2000;
}

/// <summary>The <c>Attune:Jobs:FitStrategies</c> section: fitting trainable strategies' models from the journal.</summary>
public sealed class StrategyFitOptions
{
    /// <summary>Cron (UTC) of each tenant's strategy fit; default daily at 02:30, when learners are few.</summary>
    public string Cron { get; set; } = "30 2 * * *";

    /// <summary>
    /// Share of the journal, newest first, held out to compare a new fit with the serving one (for strategies that can be
    /// measured, <c>IEvaluatesStrategyModel</c>); a fit that predicts it worse is kept but not promoted.
    /// </summary>
    public double HoldoutFraction { get; set; } = 0.1;
}
