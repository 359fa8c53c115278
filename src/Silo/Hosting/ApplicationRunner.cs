using Microsoft.Extensions.Options;

namespace Attune.Silo.Hosting;

public static class ApplicationRunner
{
    /// <summary>
    /// Builds and runs the silo; a configuration error, found while building or starting, ends it with exit code 2
    /// and a message naming the setting, not a stack trace.
    /// </summary>
    public static async Task<int> RunAttuneAsync(Func<WebApplication> build)
    {
        try
        {
            await using var app = build();
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Attune cannot start: the configuration is invalid.\n  " + string.Join("\n  ", ex.Failures));
            return 2;
        }
        catch (InvalidOperationException ex) when (IsConfigurationError(ex))
        {
            await Console.Error.WriteLineAsync("Attune cannot start: " + ex.Message);
            return 2;
        }
    }

    /// <summary>Our own start-up errors name an <c>Attune:</c> setting; the configuration binder's name the value's path.</summary>
    private static bool IsConfigurationError(InvalidOperationException ex) =>
        ex.Message.StartsWith("Attune:", StringComparison.Ordinal) ||
        ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);
}
