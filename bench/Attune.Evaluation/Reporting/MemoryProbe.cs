namespace Attune.Evaluation.Reporting;

/// <summary>Peak memory of this process: the kernel's high-water mark of resident memory, and the GC's view.</summary>
public readonly record struct MemoryProbe(double PeakResidentMb, double ManagedHeapMb, double AllocatedMb)
{
    public static MemoryProbe Read()
    {
        double hwm = double.NaN;
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                hwm = double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
            }
        }
        catch (IOException)
        {
            // not Linux: the GC numbers remain
        }
        var info = GC.GetGCMemoryInfo();
        return new MemoryProbe(double.IsNaN(hwm) ? Environment.WorkingSet / 1048576.0 : hwm, info.HeapSizeBytes / 1048576.0, GC.GetTotalAllocatedBytes() / 1048576.0);
    }

    public override string ToString() => $"{PeakResidentMb:0} MB peak resident (VmHWM), {ManagedHeapMb:0} MB managed heap now, {AllocatedMb:0} MB allocated in total";
}
