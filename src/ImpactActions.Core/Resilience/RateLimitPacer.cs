using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Logging;

namespace ImpactActions.Core.Resilience;

/// <summary>
/// Keeps a connection inside the API's budget (per endpoint family, as the API counts it) from the
/// rate-limit headers of each answer: with plenty left it adds nothing; with little left it spreads
/// what remains over the time to the reset; with nothing left it waits for the reset rather than
/// spending a request on a 429.
/// </summary>
public sealed class RateLimitPacer
{
    /// <summary>Below this share of the limit, requests are spread out.</summary>
    private const double PacingShare = 0.05;

    private readonly object _gate = new();
    private readonly Dictionary<string, Budget> _budgets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<DateTimeOffset> _clock;
    private readonly TimeSpan _maxWait;

    public RateLimitPacer(TimeSpan maxWait, Func<DateTimeOffset>? clock = null)
    {
        _maxWait = maxWait;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>The wait before the next request to <paramref name="family"/>, counting that request as spent.</summary>
    public TimeSpan Reserve(string family)
    {
        lock (_gate)
        {
            if (!_budgets.TryGetValue(family, out var budget) || budget.ResetAt is not { } resetAt) return TimeSpan.Zero;
            var now = _clock();
            if (resetAt <= now)
            {
                _budgets.Remove(family);
                return TimeSpan.Zero;
            }
            var untilReset = resetAt - now;
            var remaining = budget.Remaining;
            budget.Remaining = Math.Max(0, remaining - 1);
            if (remaining <= 0)
            {
                // Spent: wait for the window to reset; the answer after it brings the new budget.
                _budgets.Remove(family);
                return Min(untilReset, _maxWait);
            }
            if (budget.Limit > 0 && remaining < budget.Limit * PacingShare)
                return Min(TimeSpan.FromTicks(untilReset.Ticks / remaining), _maxWait);
            return TimeSpan.Zero;
        }
    }

    public async Task WaitAsync(string family, IImpactLog log, CancellationToken cancellation)
    {
        var wait = Reserve(family);
        if (wait <= TimeSpan.Zero) return;
        log.Verbose($"Rate limit: pacing {family} requests, waiting {wait.TotalSeconds:0.0} s before the next.");
        await Task.Delay(wait, cancellation).ConfigureAwait(false);
    }

    /// <summary>Takes in what an answer said; answers without rate-limit headers change nothing.</summary>
    public void Observe(string family, RateLimitState state)
    {
        if (!state.IsKnown) return;
        lock (_gate)
        {
            _budgets[family] = new Budget
            {
                Limit = state.Limit ?? 0,
                Remaining = state.Remaining!.Value,
                ResetAt = state.ResetAt ?? _clock().AddHours(1),
            };
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class Budget
    {
        public int Limit { get; set; }
        public int Remaining { get; set; }
        public DateTimeOffset? ResetAt { get; set; }
    }
}
