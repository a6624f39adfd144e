using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ImpactActions.Sandbox;

/// <summary>Reads <c>--name value</c> options into <see cref="SandboxOptions"/>; every option is listed by --help.</summary>
public static class SandboxCommandLine
{
    private sealed record Option(string Name, string Value, string Help, Action<SandboxOptions, string> Apply);

    private static readonly Option[] Options =
    {
        new("--port", "N", "TCP port on 127.0.0.1 (0 picks a free one; default 5087)", (o, v) => o.Port = Int(v)),
        new("--actions", "N", "actions to generate (default 5000)", (o, v) => o.Data.Actions = Int(v)),
        new("--seed", "N", "generator seed; also derives AccountSID and AuthToken (default 42)", (o, v) => o.Data.Seed = Int(v)),
        new("--campaigns", "N", "campaigns, 1000 upwards (default 2, at most 5)", (o, v) => o.Data.Campaigns = Int(v)),
        new("--span-days", "N", "days back the actions reach (default 1095)", (o, v) => o.Data.SpanDays = Int(v)),
        new("--locking-days", "N", "days from event to locking date (default 30)", (o, v) => o.Data.LockingDays = Int(v)),
        new("--now", "ISO-DATE", "the instant the data is generated for (default: the real clock)", (o, v) => o.Data.Now = DateTimeOffset.Parse(v, CultureInfo.InvariantCulture)),
        new("--account-sid", "SID", "AccountSID to accept instead of the derived one", (o, v) => o.AccountSid = v),
        new("--auth-token", "TOKEN", "AuthToken to accept instead of the derived one", (o, v) => o.AuthToken = v),
        new("--processing-delay-ms", "N", "time a write spends queued before it is applied (default 2000)", (o, v) => o.Behaviour.ProcessingDelay = TimeSpan.FromMilliseconds(Int(v))),
        new("--processing-delay-max-ms", "N", "draw each write's delay between --processing-delay-ms and this (default: no draw)", (o, v) => o.Behaviour.ProcessingDelayMax = TimeSpan.FromMilliseconds(Int(v))),
        new("--fault-per-request", "true|false", "draw each request's fault from the request itself, not from the arrival order", (o, v) => o.Behaviour.Faults.PerRequest = Bool(v)),
        new("--rate-limit", "N", "requests per window, per endpoint family (default 1000)", (o, v) => o.Behaviour.RateLimit = Int(v)),
        new("--rate-window-seconds", "N", "length of the rate-limit window (default 3600)", (o, v) => o.Behaviour.RateLimitWindow = TimeSpan.FromSeconds(Int(v))),
        new("--rate-headers", "standard|hour|remainingonly", "X-RateLimit-*, x-ratelimit-*-hour with RateLimit-Reset, or X-RateLimit-Remaining alone", (o, v) => o.Behaviour.RateLimitHeaders = Enum<RateLimitHeaderStyle>(v)),
        new("--rate-reset", "seconds|unixtime", "what the reset header holds", (o, v) => o.Behaviour.RateLimitReset = Enum<RateLimitResetStyle>(v)),
        new("--modification-limit", "N", "modifications allowed per action (default 1000)", (o, v) => o.Behaviour.ModificationLimit = Int(v)),
        new("--submission-list", "true|false", "answer GET /APISubmissions, documented but advised against (default true)", (o, v) => o.Behaviour.SubmissionList = Bool(v)),
        new("--fault-rate", "0..1", "share of API requests meeting an injected fault, spread over every kind", (o, v) => o.Behaviour.Faults = MixedKeeping(o.Behaviour.Faults, Double(v))),
        new("--fault-seed", "N", "seed of the fault sequence (default 1)", (o, v) => o.Behaviour.Faults.Seed = Int(v)),
        new("--slow-ms", "N", "delay of a slow answer (default 1500)", (o, v) => o.Behaviour.Faults.SlowDelay = TimeSpan.FromMilliseconds(Int(v))),
        new("--numbers-as-json-numbers", "true|false", "bare JSON numbers instead of strings", (o, v) => o.Behaviour.Quirks.NumbersAsJsonNumbers = Bool(v)),
        new("--absolute-links", "true|false", "absolute paging links", (o, v) => o.Behaviour.Quirks.AbsoluteLinks = Bool(v)),
        new("--link-typo", "true|false", "spell links @firstpageruri, @previouspageruri, @lastpageruri", (o, v) => o.Behaviour.Quirks.LinkTypoSpelling = Bool(v)),
        new("--wrapped-submission", "true|false", "wrap a single submission in an APISubmission object", (o, v) => o.Behaviour.Quirks.WrappedSubmission = Bool(v)),
        new("--total-always-zero", "true|false", "say @total 0 on every list", (o, v) => o.Behaviour.Quirks.TotalAlwaysZero = Bool(v)),
        new("--reversed-as-rejected", "true|false", "call a reversed action's State REJECTED", (o, v) => o.Behaviour.Quirks.ReversedAsRejected = Bool(v)),
        new("--short-batch-ids", "true|false", "BatchIds like A-86b9-56992f50eefe instead of A- and a GUID", (o, v) => o.Behaviour.Quirks.ShortBatchIds = Bool(v)),
        new("--quantity-optional", "true|false", "take an item update without Quantity, keeping the item's quantity", (o, v) => o.Behaviour.Quirks.QuantityOptional = Bool(v)),
        new("--unlisted-fields", "true|false", "give actions and items fields no page lists (a boolean as a string, an object, a list)", (o, v) => o.Behaviour.Quirks.UnlistedFields = Bool(v)),
        new("--duplicate-order-ids", "N", "the N newest actions share tracker and Oid with an older one (default 0)", (o, v) => o.Data.DuplicateOrderIds = Int(v)),
        new("--custom-disposition-codes", "A,B", "disposition codes this account configured", (o, v) => o.Behaviour.CustomDispositionCodes = v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
    };

    /// <summary>Parsed options, or null with <paramref name="message"/> set (help text or the error).</summary>
    public static SandboxOptions? Parse(IReadOnlyList<string> args, out string? message)
    {
        var options = new SandboxOptions { Port = 5087 };
        message = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                message = Help();
                return null;
            }
            if (args[i] == "--json") continue;
            var option = Options.FirstOrDefault(o => o.Name.Equals(args[i], StringComparison.OrdinalIgnoreCase));
            if (option is null || i + 1 >= args.Count)
            {
                message = option is null ? $"Unknown option '{args[i]}'.\n\n{Help()}" : $"{option.Name} needs a value ({option.Value}).";
                return null;
            }
            try
            {
                option.Apply(options, args[++i]);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                message = $"{option.Name} {args[i]}: {e.Message}";
                return null;
            }
        }
        return options;
    }

    public static bool WantsJson(IEnumerable<string> args) => args.Contains("--json", StringComparer.OrdinalIgnoreCase);

    public static string Help() =>
        "Usage: dotnet run --project src/ImpactActions.Sandbox -- [options]\n\n" +
        "Starts an offline impact.com Actions API on 127.0.0.1 and prints its base URL, AccountSID and AuthToken.\n\nOptions:\n" +
        string.Join("\n", Options.Select(o => $"  {o.Name} {o.Value}".PadRight(44) + o.Help)) +
        "\n  --json".PadRight(45) + "print the connection as one JSON line instead of text";

    /// <summary>A mixed fault rate that keeps what earlier options set (seed, per-request draws, slow delay).</summary>
    private static FaultOptions MixedKeeping(FaultOptions earlier, double rate)
    {
        var mixed = FaultOptions.Mixed(rate, earlier.Seed);
        mixed.PerRequest = earlier.PerRequest;
        mixed.SlowDelay = earlier.SlowDelay;
        return mixed;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Double(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Bool(string value) => bool.Parse(value);

    private static T Enum<T>(string value) where T : struct, System.Enum => System.Enum.Parse<T>(value, ignoreCase: true);
}
