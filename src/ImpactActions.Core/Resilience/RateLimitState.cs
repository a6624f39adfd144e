using System;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;

namespace ImpactActions.Core.Resilience;

/// <summary>What one answer said about the budget, from any of the header spellings of [RATE-LIMITS] and [CAPTURES] (docs/api-reference.md).</summary>
public readonly struct RateLimitState
{
    /// <summary>A reset value above a day's seconds is a Unix time, not a number of seconds.</summary>
    private const long SecondsInADay = 86_400;

    public RateLimitState(int? limit, int? remaining, DateTimeOffset? resetAt)
    {
        Limit = limit;
        Remaining = remaining;
        ResetAt = resetAt;
    }

    /// <summary>The resolution of every reset header: the reset is read as this much later than it says.</summary>
    public static readonly TimeSpan ResetResolution = TimeSpan.FromSeconds(1);

    public int? Limit { get; }
    public int? Remaining { get; }
    public DateTimeOffset? ResetAt { get; }

    public bool IsKnown => Remaining is not null;

    public static RateLimitState Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var limit = Integer(headers, "X-RateLimit-Limit", "x-ratelimit-limit-hour");
        var remaining = Integer(headers, "X-RateLimit-Remaining", "x-ratelimit-remaining-hour");
        DateTimeOffset? resetAt = null;
        // Either form is whole seconds (a Unix time cut to the second, or seconds rounded by the server),
        // so the real reset may be up to a second after it: waiting exactly that long can meet a 429.
        if (Integer(headers, "X-RateLimit-Reset", "RateLimit-Reset") is { } reset)
            resetAt = (reset > SecondsInADay ? DateTimeOffset.FromUnixTimeSeconds(reset) : now.AddSeconds(reset)) + ResetResolution;
        return new RateLimitState((int?)limit, (int?)remaining, resetAt);
    }

    private static long? Integer(HttpResponseHeaders headers, params string[] names)
    {
        // HttpHeaders lookups ignore case, so each spelling covers its case variants.
        foreach (var name in names)
        {
            if (!headers.TryGetValues(name, out var values)) continue;
            var text = values.FirstOrDefault()?.Trim();
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        }
        return null;
    }
}
