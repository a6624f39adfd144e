using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.Benchmarks;

/// <summary>Wall time, allocations and the managed heap's peak (sampled every 5 ms) around one piece of work.</summary>
public sealed class Measure : IDisposable
{
    private readonly Stopwatch _timer = new();
    private readonly long _allocatedBefore;
    private readonly long _heapBefore;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    private Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // Started after the collection: the previous measurement's garbage is not this one's cost.
        _timer.Start();
        _sampler = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false) - _heapBefore));
                try
                {
                    await Task.Delay(5, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public static Measure Start() => new();

    public TimeSpan? FirstRecord { get; private set; }

    public void MarkFirstRecord() => FirstRecord ??= _timer.Elapsed;

    public (TimeSpan Elapsed, long Allocated, long PeakHeap) Stop()
    {
        var elapsed = _timer.Elapsed;
        _stop.Cancel();
        _sampler.Wait();
        var peak = Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false) - _heapBefore);
        return (elapsed, GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore, peak);
    }

    public void Dispose() => _stop.Dispose();

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Megabytes(double bytes) => $"{bytes / (1024 * 1024):0.0} MB";
}
