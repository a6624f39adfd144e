using System;
using System.Collections.Generic;

namespace ImpactActions.Sandbox;

/// <summary>Everything that shapes one sandbox: its data, its account, and how it behaves on the wire.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    public DataOptions Data { get; set; } = new();

    /// <summary>AccountSID; null derives one from the data seed.</summary>
    public string? AccountSid { get; set; }

    /// <summary>AuthToken; null derives one from the data seed.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Settings that tests and benchmarks may change while the server runs.</summary>
    public BehaviourOptions Behaviour { get; set; } = new();
}

/// <summary>What the deterministic generator makes.</summary>
public sealed class DataOptions
{
    public int Actions { get; set; } = 5000;
    public int Seed { get; set; } = 42;
    public int Campaigns { get; set; } = 2;

    /// <summary>How far back the generated actions reach.</summary>
    public int SpanDays { get; set; } = 1095;

    /// <summary>Days from the event to the locking date.</summary>
    public int LockingDays { get; set; } = 30;

    /// <summary>The instant the data is generated relative to; null means the real clock at start.</summary>
    public DateTimeOffset? Now { get; set; }

    /// <summary>The offset every date is written with (the account's time zone).</summary>
    public TimeSpan AccountOffset { get; set; } = TimeSpan.FromHours(-7);

    /// <summary>
    /// How many of the newest actions share their ActionTrackerId and Oid with an older action of the same tracker;
    /// a write by tracker and OrderId goes to the newest of them (docs/api-reference.md [CAPTURES]).
    /// </summary>
    public int DuplicateOrderIds { get; set; }
}

/// <summary>Run-time behaviour. Reads are lock-free: swap whole values rather than mutating nested objects.</summary>
public sealed class BehaviourOptions
{
    /// <summary>How long a write waits in the queue before it is applied (half of it in "In Progress").</summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When set, each write waits a time drawn between <see cref="ProcessingDelay"/> and this (seeded by the data seed).</summary>
    public TimeSpan? ProcessingDelayMax { get; set; }

    /// <summary>Requests allowed per account, per endpoint family, per window.</summary>
    public int RateLimit { get; set; } = 1000;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromHours(1);

    public RateLimitHeaderStyle RateLimitHeaders { get; set; } = RateLimitHeaderStyle.Standard;

    public RateLimitResetStyle RateLimitReset { get; set; } = RateLimitResetStyle.Seconds;

    public int ModificationLimit { get; set; } = 1000;

    /// <summary>
    /// Answer <c>GET /APISubmissions</c> (a list [SUBMISSIONS] documents but advises against); when false it
    /// answers 404, as an API without it would, and only <c>/APISubmissions/{BatchId}</c> remains.
    /// </summary>
    public bool SubmissionList { get; set; } = true;

    public TimeSpan SubmissionRetention { get; set; } = TimeSpan.FromDays(90);

    public FaultOptions Faults { get; set; } = new();

    public QuirkOptions Quirks { get; set; } = new();

    /// <summary>Disposition codes this account configured beyond the documented ones.</summary>
    public IReadOnlyList<string> CustomDispositionCodes { get; set; } = Array.Empty<string>();

    /// <summary>Customer statuses configured in the event type settings.</summary>
    public IReadOnlyList<string> CustomerStatuses { get; set; } = new[] { "NEW", "EXISTING", "RETURNING" };
}

/// <summary>
/// Injected failures: <see cref="Rules"/> that name exactly which request fails, then probabilities per
/// API request, drawn from one seeded generator in arrival order, or, with <see cref="PerRequest"/>,
/// from the request itself (method, path, body and how often it was made), so that what one request
/// meets does not depend on how many others came before it.
/// </summary>
public sealed class FaultOptions
{
    public int Seed { get; set; } = 1;

    /// <summary>Draw each request's fault from its own identity instead of one sequence in arrival order.</summary>
    public bool PerRequest { get; set; }

    /// <summary>Faults for exactly the requests they name; checked before the probabilities.</summary>
    public IReadOnlyList<FaultRule> Rules { get; set; } = Array.Empty<FaultRule>();
    public double TooManyRequests { get; set; }
    public double ServerError { get; set; }
    public double ServiceUnavailable { get; set; }

    /// <summary>The connection is closed before the request is handled.</summary>
    public double DropBeforeHandling { get; set; }

    /// <summary>The request is handled (a write is queued) and then the connection is closed unanswered.</summary>
    public double DropAfterHandling { get; set; }

    /// <summary>The request is handled, then only the first half of the answer is sent before the connection closes.</summary>
    public double BreakBody { get; set; }

    public double Slow { get; set; }
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Seconds sent in Retry-After with an injected 429.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Send Retry-After as an HTTP date instead of seconds.</summary>
    public bool RetryAfterAsDate { get; set; }

    public double Total => TooManyRequests + ServerError + ServiceUnavailable + DropBeforeHandling + DropAfterHandling + BreakBody + Slow;

    /// <summary>Spreads <paramref name="rate"/> evenly over every kind of fault.</summary>
    public static FaultOptions Mixed(double rate, int seed)
    {
        var each = rate / 7;
        return new FaultOptions
        {
            Seed = seed, TooManyRequests = each, ServerError = each, ServiceUnavailable = each,
            DropBeforeHandling = each, DropAfterHandling = each, BreakBody = each, Slow = each,
        };
    }
}

/// <summary>Variants the real API is known or suspected to produce; a client must accept each.</summary>
public sealed class QuirkOptions
{
    /// <summary>Send numeric fields as bare JSON numbers (as an older example does) instead of strings.</summary>
    public bool NumbersAsJsonNumbers { get; set; }

    /// <summary>Send paging links as absolute URIs instead of relative paths.</summary>
    public bool AbsoluteLinks { get; set; }

    /// <summary>Spell the links <c>@firstpageruri</c>, <c>@previouspageruri</c>, <c>@lastpageruri</c>, as some docs do.</summary>
    public bool LinkTypoSpelling { get; set; }

    /// <summary>Answer a single submission wrapped in an <c>APISubmission</c> object.</summary>
    public bool WrappedSubmission { get; set; }

    /// <summary>
    /// Say <c>"@total": "0"</c> on every list, as a public client found another list of this API do
    /// (docs/api-reference.md [CAPTURES]): a client must page by @nextpageuri and @numpages, never by @total.
    /// </summary>
    public bool TotalAlwaysZero { get; set; }

    /// <summary>
    /// Call a reversed action's State REJECTED, the word of an older reference ([CAPTURES]), not REVERSED ([ACTIONS]);
    /// a State filter of either word then finds it.
    /// </summary>
    public bool ReversedAsRejected { get; set; }

    /// <summary>Make BatchIds in the shape of the help centre's examples (<c>A-86b9-56992f50eefe</c>, [HELP-ITEMS]), not <c>A-</c> and a GUID.</summary>
    public bool ShortBatchIds { get; set; }

    /// <summary>
    /// Take an item update without Quantity and keep the item's quantity, as the help centre's Amount example implies
    /// ([HELP-ITEMS]); without this, such an item is refused, as the endpoint's own page says Quantity is required ([ITEM-PUT]).
    /// </summary>
    public bool QuantityOptional { get; set; }

    /// <summary>
    /// Give every action and item fields no page lists: a boolean as a string, an object, a list of objects. The API adds
    /// fields without a new version ([VERSIONING]) and sends booleans as strings ([CAPTURES]).
    /// </summary>
    public bool UnlistedFields { get; set; }
}

/// <summary>
/// One targeted fault: the <see cref="Occurrence"/>-th API request (counted from 1 among those the rule
/// matches) whose method is <see cref="Method"/> and whose path and query contain <see cref="PathContains"/>
/// meets <see cref="Kind"/>; occurrence 0 means every matching request.
/// </summary>
public sealed class FaultRule
{
    public string Method { get; set; } = "";
    public string PathContains { get; set; } = "";
    public int Occurrence { get; set; } = 1;
    public Pipeline.FaultKind Kind { get; set; }
}

public enum RateLimitHeaderStyle
{
    /// <summary>X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset.</summary>
    Standard,

    /// <summary>x-ratelimit-limit-hour, x-ratelimit-remaining-hour, RateLimit-Reset.</summary>
    Hour,

    /// <summary>X-RateLimit-Remaining alone: no limit and no reset, so only Retry-After says how long to wait.</summary>
    RemainingOnly,
}

public enum RateLimitResetStyle
{
    /// <summary>Seconds until the window resets.</summary>
    Seconds,

    /// <summary>The Unix time at which the window resets.</summary>
    UnixTime,
}
