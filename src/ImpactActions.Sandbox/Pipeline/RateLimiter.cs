using System;
using System.Collections.Generic;

namespace ImpactActions.Sandbox.Pipeline;

/// <summary>The budget left after one request, for the rate-limit headers.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt);

/// <summary>
/// A fixed window per account and endpoint family ("Actions", "APISubmissions"), starting with the
/// window's first request, as the API's hourly budget "for an account on an endpoint".
/// </summary>
public sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public RateLimitDecision Take(string key, int limit, TimeSpan length, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var window) || window.ResetAt <= now)
            {
                window = new Window { ResetAt = now + length };
                _windows[key] = window;
            }
            if (window.Used >= limit) return new RateLimitDecision(false, limit, 0, window.ResetAt);
            window.Used++;
            return new RateLimitDecision(true, limit, limit - window.Used, window.ResetAt);
        }
    }

    private sealed class Window
    {
        public DateTimeOffset ResetAt { get; init; }
        public int Used { get; set; }
    }
}
