using System;
using System.Collections.Generic;

namespace ImpactActions.Core.Resilience;

/// <summary>A wait in words, for the warnings a long one gets: 3600 s is "1 hour", 150 s "2 minutes 30 seconds".</summary>
public static class WaitWords
{
    public static string For(TimeSpan wait)
    {
        var seconds = (long)Math.Ceiling(wait.TotalSeconds);
        if (seconds <= 0) return "no time";
        var parts = new List<string>();
        void Add(long amount, string unit)
        {
            if (amount > 0) parts.Add($"{amount} {unit}{(amount == 1 ? "" : "s")}");
        }
        Add(seconds / 86400, "day");
        Add(seconds % 86400 / 3600, "hour");
        Add(seconds % 3600 / 60, "minute");
        if (seconds < 3600) Add(seconds % 60, "second");
        return string.Join(" ", parts);
    }
}
