using System;
using System.Collections.Generic;

namespace ImpactActions.Core.Paging;

/// <summary>
/// Turns a range of any length into consecutive windows of at most 45 days, in whole seconds:
/// each window ends one second before the next begins, and the API's date filters are inclusive at
/// both ends, so an action is in exactly one window (the API's dates carry whole seconds).
/// </summary>
public static class DateWindowPlanner
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(45);
    public const int MaxYearsBack = 3;

    /// <summary>Clamped starts land this far inside the limit, so clock differences cannot push them out.</summary>
    public static readonly TimeSpan ClampMargin = TimeSpan.FromHours(1);

    /// <summary>The windows covering start..end (end null = now), newest first, as the API lists newest first.</summary>
    /// <summary>A time in a message: to the second, with its offset, so no reader takes it for their own zone.</summary>
    private static string When(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<DateWindow> Plan(string startName, DateTimeOffset start, DateTimeOffset? end, DateTimeOffset now, bool clampToThreeYears)
    {
        var last = WholeSeconds(end ?? now);
        var first = WholeSeconds(start);
        var limit = now.AddYears(-MaxYearsBack);
        if (first < limit)
        {
            if (!clampToThreeYears)
                throw new ImpactQueryException(
                    $"{startName} {When(start)} is more than {MaxYearsBack} years back; the API refuses it. Use a -{startName} after {When(limit)}, or add -ClampToThreeYears to start at the earliest the API allows.");
            first = WholeSeconds(limit + ClampMargin);
        }
        if (last < first)
            throw new ImpactQueryException($"The range ends ({When(last)}) before it starts ({When(first)}).");
        return Walk(first, last);
    }

    private static IEnumerable<DateWindow> Walk(DateTimeOffset first, DateTimeOffset last)
    {
        var windowEnd = last;
        while (true)
        {
            var windowStart = windowEnd - MaxWindow;
            if (windowStart <= first)
            {
                yield return new DateWindow(first, windowEnd);
                yield break;
            }
            yield return new DateWindow(windowStart, windowEnd);
            windowEnd = windowStart.AddSeconds(-1);
        }
    }

    public static DateTimeOffset WholeSeconds(DateTimeOffset value) =>
        new DateTimeOffset(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}

/// <summary>A listing the API would refuse, said before any request is sent.</summary>
public sealed class ImpactQueryException : Exception
{
    public ImpactQueryException(string message) : base(message)
    {
    }
}
