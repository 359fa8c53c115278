using Hangfire.Server;

namespace Attune.Silo.Jobs;

/// <summary>
/// The shell of a job that works through a tenant's plugins one by one (refactorization, strategy fits): one run per
/// tenant at a time across the cluster (a second trigger is skipped with a note, not failed), each plugin with its share
/// of the progress on the board and in the job's <c>Progress</c> parameter, the notes joined into its <c>Outcome</c>.
/// </summary>
internal static class PerPluginJob
{
    /// <param name="plugins">Which plugins to work through, decided once the run holds the lock.</param>
    /// <param name="work">One plugin's work, given a reporter of (phase, percent of this plugin); returns its note.</param>
    public static async Task<string> RunAsync(
        JobLocks locks, JobProgressBoard board, ILogger logger, string lockResource, TenantId tenant, PerformContext? context,
        string skippedNote, string nothingNote, Func<IReadOnlyList<string>> plugins, Func<string, Action<string, double>, Task<string>> work)
    {
        var jobId = context?.BackgroundJob.Id ?? "manual";
        var lease = locks.TryAcquire(lockResource);
        if (lease is null)
        {
            logger.LogInformation("Job {JobId}: {Note}", jobId, skippedNote);
            context?.SetJobParameter("Outcome", skippedNote);
            return skippedNote;
        }
        using (lease)
        {
            try
            {
                var names = plugins();
                if (names.Count == 0)
                {
                    context?.SetJobParameter("Outcome", nothingNote);
                    return nothingNote;
                }
                var notes = new List<string>();
                for (var i = 0; i < names.Count; i++)
                {
                    var (plugin, from, size) = (names[i], 100.0 * i / names.Count, 100.0 / names.Count);
                    var lastStored = "";
                    void Report(string phase, double percentOfPlugin)
                    {
                        var percent = from + size * percentOfPlugin / 100;
                        board.Report(jobId, tenant.Value, $"{plugin}: {phase}", percent);
                        var text = $"{percent:0}% {plugin}: {phase}";
                        if (text != lastStored)
                        {
                            lastStored = text; // a storage write per whole percent or phase, not per report
                            context?.SetJobParameter("Progress", text);
                        }
                    }
                    notes.Add(await work(plugin, Report));
                }
                var outcome = string.Join(" ", notes);
                context?.SetJobParameter("Outcome", outcome);
                return outcome;
            }
            finally
            {
                board.Finish(jobId);
            }
        }
    }
}
