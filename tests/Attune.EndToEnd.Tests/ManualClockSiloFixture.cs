namespace Attune.EndToEnd.Tests;

/// <summary>A silo whose clock is manual (<c>Attune:Clock:Manual</c>), starting years after the machine's clock.</summary>
public sealed class ManualClockSiloFixture : SiloFixture
{
    public const string AdminPassword = "e2e-clock-admin-password-0123";

    /// <summary>Far enough ahead that an event dated then is refused by any silo on the machine's clock.</summary>
    public static readonly DateTimeOffset Start = new(2031, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public ManualClockSiloFixture()
        : base(new Dictionary<string, string>
        {
            ["Attune__Admin__Password"] = AdminPassword,
            ["Attune__Clock__Manual"] = "true",
            ["Attune__Clock__Start"] = Start.ToString("O"),
        })
    {
    }

    public AdminClient Admin => new(Silo, AdminClient.Basic("admin", AdminPassword));
}
