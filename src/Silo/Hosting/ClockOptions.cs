namespace Attune.Silo.Hosting;

/// <summary>
/// <c>Attune:Clock</c>: whether "now" for Attune's own services is the machine's clock or one an admin moves
/// (benches and replays that simulate days in minutes). Never manual in production.
/// </summary>
public sealed class ClockOptions
{
    public const string Section = "Attune:Clock";

    /// <summary>When true, <c>PUT /api/v1/admin/clock</c> moves Attune's clock forward.</summary>
    public bool Manual { get; set; }

    /// <summary>With <see cref="Manual"/>, where the clock starts; the machine's time when not given.</summary>
    public DateTimeOffset? Start { get; set; }
}
