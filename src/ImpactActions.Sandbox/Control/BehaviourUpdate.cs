using System;

namespace ImpactActions.Sandbox.Control;

/// <summary>
/// The body of <c>PUT /_sandbox/behaviour</c>, and what <c>GET /_sandbox/behaviour</c> answers, so what is read
/// can be sent back: every member optional, so a caller changes only what it names; a member the sandbox does
/// not know is refused (400), never ignored. Durations are in milliseconds; a new Faults object restarts the
/// fault sequence from its seed.
/// </summary>
public sealed class BehaviourUpdate
{
    /// <summary>The behaviour as a body of this shape: every member set.</summary>
    public static BehaviourUpdate Of(BehaviourOptions current) => new()
    {
        ProcessingDelayMs = (int)current.ProcessingDelay.TotalMilliseconds,
        ProcessingDelayMaxMs = current.ProcessingDelayMax is { } most ? (int)most.TotalMilliseconds : null,
        RateLimit = current.RateLimit,
        RateLimitWindowMs = (int)Math.Min(int.MaxValue, current.RateLimitWindow.TotalMilliseconds),
        RateLimitHeaders = current.RateLimitHeaders,
        RateLimitReset = current.RateLimitReset,
        ModificationLimit = current.ModificationLimit,
        SubmissionList = current.SubmissionList,
        Faults = current.Faults,
        Quirks = current.Quirks,
    };

    public int? ProcessingDelayMs { get; set; }
    public int? ProcessingDelayMaxMs { get; set; }
    public int? RateLimit { get; set; }
    public int? RateLimitWindowMs { get; set; }
    public RateLimitHeaderStyle? RateLimitHeaders { get; set; }
    public RateLimitResetStyle? RateLimitReset { get; set; }
    public int? ModificationLimit { get; set; }
    public bool? SubmissionList { get; set; }
    public FaultOptions? Faults { get; set; }
    public QuirkOptions? Quirks { get; set; }

    public BehaviourOptions ApplyTo(BehaviourOptions current) => new()
    {
        ProcessingDelay = ProcessingDelayMs is { } delay ? TimeSpan.FromMilliseconds(delay) : current.ProcessingDelay,
        ProcessingDelayMax = ProcessingDelayMaxMs is { } most ? TimeSpan.FromMilliseconds(most) : current.ProcessingDelayMax,
        RateLimit = RateLimit ?? current.RateLimit,
        RateLimitWindow = RateLimitWindowMs is { } window ? TimeSpan.FromMilliseconds(window) : current.RateLimitWindow,
        RateLimitHeaders = RateLimitHeaders ?? current.RateLimitHeaders,
        RateLimitReset = RateLimitReset ?? current.RateLimitReset,
        ModificationLimit = ModificationLimit ?? current.ModificationLimit,
        SubmissionList = SubmissionList ?? current.SubmissionList,
        SubmissionRetention = current.SubmissionRetention,
        Faults = Faults ?? current.Faults,
        Quirks = Quirks ?? current.Quirks,
        CustomDispositionCodes = current.CustomDispositionCodes,
        CustomerStatuses = current.CustomerStatuses,
    };
}
