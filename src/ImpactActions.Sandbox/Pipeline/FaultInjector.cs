using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace ImpactActions.Sandbox.Pipeline;

public enum FaultKind
{
    None,
    TooManyRequests,
    ServerError,
    ServiceUnavailable,
    DropBeforeHandling,
    DropAfterHandling,
    BreakBody,
    Slow,
}

/// <summary>
/// Decides the fault each API request meets. Targeted rules first (the n-th PUT, every read of a
/// submission, …); then the probabilities, drawn from one generator seeded by
/// <see cref="FaultOptions.Seed"/> in arrival order, or, with <see cref="FaultOptions.PerRequest"/>,
/// from a hash of the seed, the request (method, path and query, body) and how many times that same
/// request was made: one request's fault then does not depend on what else was asked before it.
/// Setting new options restarts every count and sequence.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private FaultOptions? _current;
    private Random _random = new(0);
    private readonly Dictionary<FaultRule, int> _ruleCounts = new();
    private readonly Dictionary<string, int> _requestCounts = new(StringComparer.Ordinal);

    /// <summary>The fault for the next request in arrival order, by probability alone (no rules apply without a request).</summary>
    public FaultKind Next(FaultOptions options) => Next(options, "", "", "");

    public FaultKind Next(FaultOptions options, string method, string pathAndQuery, string body)
    {
        double draw;
        lock (_gate)
        {
            if (!ReferenceEquals(options, _current))
            {
                _current = options;
                _random = new Random(options.Seed);
                _ruleCounts.Clear();
                _requestCounts.Clear();
            }
            foreach (var rule in options.Rules)
            {
                if (!string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase)
                    || pathAndQuery.IndexOf(rule.PathContains, StringComparison.OrdinalIgnoreCase) < 0) continue;
                var seen = _ruleCounts[rule] = (_ruleCounts.TryGetValue(rule, out var n) ? n : 0) + 1;
                if (rule.Occurrence == 0 || rule.Occurrence == seen) return rule.Kind;
            }
            if (options.Total <= 0) return FaultKind.None;
            if (options.PerRequest)
            {
                var key = method + " " + pathAndQuery + "\n" + body;
                var occurrence = _requestCounts[key] = (_requestCounts.TryGetValue(key, out var c) ? c : 0) + 1;
                draw = Draw(options.Seed, key, occurrence);
            }
            else draw = _random.NextDouble();
        }
        foreach (var (kind, rate) in new[]
                 {
                     (FaultKind.TooManyRequests, options.TooManyRequests),
                     (FaultKind.ServerError, options.ServerError),
                     (FaultKind.ServiceUnavailable, options.ServiceUnavailable),
                     (FaultKind.DropBeforeHandling, options.DropBeforeHandling),
                     (FaultKind.DropAfterHandling, options.DropAfterHandling),
                     (FaultKind.BreakBody, options.BreakBody),
                     (FaultKind.Slow, options.Slow),
                 })
        {
            if (draw < rate) return kind;
            draw -= rate;
        }
        return FaultKind.None;
    }

    /// <summary>A number in [0, 1) fixed by the seed, the request and its occurrence.</summary>
    private static double Draw(int seed, string key, int occurrence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{occurrence}\n{key}"));
        return (BitConverter.ToUInt64(hash, 0) >> 11) * (1.0 / (1UL << 53));
    }
}
