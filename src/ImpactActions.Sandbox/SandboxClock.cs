using System;
using System.Diagnostics;

namespace ImpactActions.Sandbox;

/// <summary>
/// The sandbox's "now": starts at the instant the data was generated for and runs at real speed,
/// so a fixed --now gives reproducible dates while queues and rate windows still move.
/// </summary>
public sealed class SandboxClock
{
    private readonly DateTimeOffset _start;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private long _skewTicks;

    public SandboxClock(DateTimeOffset start) => _start = start;

    public DateTimeOffset Now => _start + _elapsed.Elapsed + TimeSpan.FromTicks(System.Threading.Interlocked.Read(ref _skewTicks));

    /// <summary>
    /// <see cref="Now"/> cut to the second, for every date stored on a record: the API's dates carry
    /// whole seconds, so a client's second-precision window edges never fall inside one.
    /// </summary>
    public DateTimeOffset Timestamp
    {
        get
        {
            var now = Now;
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        }
    }

    /// <summary>Moves the clock forward, for tests of expiry and locking.</summary>
    public void Advance(TimeSpan by) => System.Threading.Interlocked.Add(ref _skewTicks, by.Ticks);
}
