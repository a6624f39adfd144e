using System.Diagnostics;

namespace ImpactActions.Host;

/// <summary>
/// At most a few progress updates a second: Windows PowerShell 5.1's console redraws the bar on every
/// one, and a record a row would slow a run down. The last (completed) update always goes.
/// </summary>
internal sealed class ProgressThrottle
{
    private static readonly long Interval = Stopwatch.Frequency / 4;
    private long _last = long.MinValue;

    public bool Due(bool completed = false)
    {
        var now = Stopwatch.GetTimestamp();
        if (!completed && now - _last < Interval) return false;
        _last = now;
        return true;
    }
}
