using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Logging;

namespace ImpactActions.Core.Resilience;

/// <summary>
/// Keeps a connection inside the API's budget (per endpoint family, as the API counts it) from what
/// each answer states: with plenty left it adds nothing; with little left it spreads what remains over
/// the time to the reset; with nothing left it waits for the reset rather than spending a request on a
/// 429. Retry-After, when an answer carries it, is the reset. A window no answer states is never
/// assumed: without a reset or Retry-After there is no budget to pace by. It is the one place a request
/// waits for the API (the retries wait nothing more for a 429: it is recorded here), so waits never stack,
/// and a wait longer than the connection allows fails the request at once rather than sleeping.
/// </summary>
public sealed class RateLimitPacer
{
    /// <summary>Below this share of the limit, requests are spread out.</summary>
    private const double PacingShare = 0.05;

    /// <summary>A wait longer than this is a warning, not only a verbose line: an unattended run should say why it stalls.</summary>
    public static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly Dictionary<string, Budget> _budgets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<DateTimeOffset> _clock;
    private readonly TimeSpan _maxWait;

    public RateLimitPacer(TimeSpan maxWait, Func<DateTimeOffset>? clock = null)
    {
        _maxWait = maxWait;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// The wait before the next request to <paramref name="family"/>, counting that request as spent;
    /// <see cref="RateLimitWaitTooLongException"/> when the API asked for more than the longest wait allowed.
    /// </summary>
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
                if (untilReset > _maxWait)
                {
                    budget.Remaining = 0;
                    throw new RateLimitWaitTooLongException(family, untilReset, _maxWait);
                }
                _budgets.Remove(family);
                return untilReset;
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
        if (wait > LongWait)
            log.Warning($"Rate limit: the API's budget for {family} requests is spent; waiting {WaitWords.For(wait)} ({wait.TotalSeconds:0} s) for it to reset before the next request (Ctrl+C stops).");
        else log.Verbose($"Rate limit: the API's budget for {family} requests is nearly spent; waiting {wait.TotalSeconds:0.0} s before the next (Ctrl+C stops).");
        await Task.Delay(wait, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes in what an answer said. Retry-After wins over a reset header; with neither, the budget is
    /// forgotten rather than given an assumed window. Answers without any of them change nothing.
    /// </summary>
    public void Observe(string family, RateLimitState state, TimeSpan? retryAfter = null)
    {
        if (!state.IsKnown && retryAfter is null) return;
        lock (_gate)
        {
            var resetAt = retryAfter is { } wait ? _clock() + wait : state.ResetAt;
            if (resetAt is null)
            {
                _budgets.Remove(family);
                return;
            }
            _budgets[family] = new Budget
            {
                Limit = state.Limit ?? 0,
                Remaining = retryAfter is not null ? 0 : state.Remaining!.Value,
                ResetAt = resetAt,
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
