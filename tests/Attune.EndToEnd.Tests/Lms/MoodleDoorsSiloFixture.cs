namespace Attune.EndToEnd.Tests;

/// <summary>
/// One silo with a tenant per scenario of <see cref="MoodleOneFactOneEventTests"/>, so each scenario's journal starts
/// empty and the journals can be compared, and Hangfire polling fast enough that a sync-now runs at once.
/// </summary>
public sealed class MoodleDoorsSiloFixture : SiloFixture
{
    public const string AdminPassword = "e2e-admin-password-0123";

    public static readonly IReadOnlyList<string> Tenants =
        ["push-first", "pull-first", "interleaved", "resend", "second-connection", "mbox", "mbox-push-first", "connection-door", "push-only",
         "rekey-late", "lti-subject"];

    public MoodleDoorsSiloFixture()
        : base(Settings())
    {
    }

    public static string KeyOf(string tenant) => $"{tenant}-e2e-key-0123456789";

    public AdminClient Admin => new(Silo, AdminClient.Basic("admin", AdminPassword));

    private static Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["Attune__Admin__Password"] = AdminPassword,
            ["Attune__Jobs__PollInterval"] = "00:00:00.500",
        };
        foreach (var tenant in Tenants)
        {
            settings[$"Attune__Tenants__{tenant}__ApiKey"] = KeyOf(tenant);
        }
        return settings;
    }
}
