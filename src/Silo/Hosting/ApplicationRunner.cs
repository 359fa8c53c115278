using Microsoft.Extensions.Options;

namespace Attune.Silo.Hosting;

public static class ApplicationRunner
{
    /// <summary>Runs the silo; a configuration error ends it with exit code 2 and a message naming the setting, not a stack trace.</summary>
    public static async Task<int> RunAttuneAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Attune cannot start: the configuration is invalid.\n  " + string.Join("\n  ", ex.Failures));
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Attune:", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("Attune cannot start: " + ex.Message);
            return 2;
        }
    }
}
