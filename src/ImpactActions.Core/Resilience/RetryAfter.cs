using System;
using System.Net.Http;

namespace ImpactActions.Core.Resilience;

internal static class RetryAfter
{
    /// <summary>The wait a Retry-After header asks for, as seconds or as an HTTP date; null when absent.</summary>
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
