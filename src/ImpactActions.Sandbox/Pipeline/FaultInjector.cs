using System;

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
/// Draws a fault per API request from one generator seeded by <see cref="FaultOptions.Seed"/>:
/// the same requests in the same order meet the same faults. Setting new options restarts the sequence.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private FaultOptions? _current;
    private Random _random = new(0);

    public FaultKind Next(FaultOptions options)
    {
        if (options.Total <= 0) return FaultKind.None;
        double draw;
        lock (_gate)
        {
            if (!ReferenceEquals(options, _current))
            {
                _current = options;
                _random = new Random(options.Seed);
            }
            draw = _random.NextDouble();
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
}
