namespace Attune.EndToEnd.Tests;

/// <summary>
/// A silo whose tenant <c>uni</c> is planned for by the built-in study planner, and whose tenant <c>other</c> configures
/// nothing (so it gets the shipped default), with admin credentials and Hangfire tuned to start a triggered job fast.
/// </summary>
public sealed class StudyPlannerSiloFixture : SiloFixture
{
    public const string AdminPassword = "e2e-admin-password-0123";
    public const string StudyPlanner = "study-planner";

    public StudyPlannerSiloFixture()
        : base(new Dictionary<string, string>
        {
            ["Attune__Admin__Password"] = AdminPassword,
            // Generous: the first calls into a plugin pay for JIT, and an overrun would quarantine it for 30 s.
            ["Attune__Plugins__CallBudget"] = "00:00:02",
            [$"Attune__Plugins__Tenants__{Uni}__Recommender"] = "baseline",
            [$"Attune__Plugins__Tenants__{Uni}__Strategies__0"] = StudyPlanner,
            ["Attune__Jobs__PollInterval"] = "00:00:00.500",
            ["Attune__Jobs__Refactorize__Cron"] = "0 0 1 1 *", // yearly: only the tests trigger jobs
            ["Attune__Jobs__FitStrategies__Cron"] = "0 0 1 1 *",
            ["Attune__Models__RefreshInterval"] = "00:00:01",
        }, appDefaultPlugins: true)
    {
    }

    public AdminClient Admin => new(Silo, AdminClient.Basic("admin", AdminPassword));
}
