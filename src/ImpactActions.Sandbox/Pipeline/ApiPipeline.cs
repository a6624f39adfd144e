using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Api;
using Microsoft.AspNetCore.Http;

namespace ImpactActions.Sandbox.Pipeline;

/// <summary>
/// What every request under /Advertisers passes before its endpoint, in order: the ".json" suffix and
/// content negotiation, injected faults, Basic authentication, the IR-Version pin, the rate limit.
/// </summary>
public sealed class ApiPipeline
{
    private static readonly TimeSpan BreakGrace = TimeSpan.FromMilliseconds(200);
    private readonly SandboxHost _sandbox;
    private readonly FaultInjector _faults = new();
    private readonly RateLimiter _rateLimiter = new();

    public ApiPipeline(SandboxHost sandbox) => _sandbox = sandbox;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/Advertisers/", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var pathAndQuery = path + context.Request.QueryString;
        context.Items[PageLinks.OriginalPathKey] = path;
        var jsonSuffix = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        if (jsonSuffix) context.Request.Path = path.Substring(0, path.Length - ".json".Length);
        ApiResponder.Negotiate(context, jsonSuffix);

        var behaviour = _sandbox.Behaviour;
        var body = behaviour.Faults.PerRequest ? await PeekBodyAsync(context.Request) : "";
        var fault = _faults.Next(behaviour.Faults, context.Request.Method, pathAndQuery, body);
        // Logged with its fault from the start: a client can see a broken or dropped answer before the finally below runs.
        var sequence = _sandbox.Requests.Begin(context.Request.Method, pathAndQuery, fault == FaultKind.None ? "" : fault.ToString());
        var dropped = false;
        try
        {
            switch (fault)
            {
                case FaultKind.TooManyRequests:
                    context.Response.Headers.RetryAfter = RetryAfter(behaviour.Faults);
                    await ApiResponder.WriteErrorAsync(context, new ApiError(429, "Too many requests."));
                    return;
                case FaultKind.ServerError:
                    await ApiResponder.WriteErrorAsync(context, new ApiError(500, "Internal server error."));
                    return;
                case FaultKind.ServiceUnavailable:
                    await ApiResponder.WriteErrorAsync(context, new ApiError(503, "Service unavailable."));
                    return;
                case FaultKind.DropBeforeHandling:
                    dropped = true;
                    context.Abort();
                    return;
                case FaultKind.Slow:
                    await Task.Delay(behaviour.Faults.SlowDelay, context.RequestAborted);
                    break;
                case FaultKind.DropAfterHandling:
                    // Handle for real (a write is queued), but never let the answer out.
                    dropped = true;
                    context.Response.Body = new MemoryStream();
                    await HandleAsync(context, next, path, behaviour);
                    context.Abort();
                    return;
                case FaultKind.BreakBody:
                    await BreakBodyAsync(context, next, path, behaviour);
                    return;
            }
            await HandleAsync(context, next, path, behaviour);
        }
        finally
        {
            _sandbox.Requests.Complete(sequence, dropped ? 0 : context.Response.StatusCode, fault == FaultKind.None ? "" : fault.ToString());
        }
    }

    /// <summary>A write's form body, read so that it can be read again by its endpoint.</summary>
    private static async Task<string> PeekBodyAsync(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method)) return "";
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return text;
    }

    /// <summary>Handles the request, sends the headers and half the body, then closes the connection.</summary>
    private async Task BreakBodyAsync(HttpContext context, RequestDelegate next, string path, BehaviourOptions behaviour)
    {
        var network = context.Response.Body;
        var buffer = new MemoryStream();
        context.Response.Body = buffer;
        await HandleAsync(context, next, path, behaviour);
        context.Response.Body = network;
        context.Response.ContentLength = null;
        var half = (int)(buffer.Length / 2);
        await context.Response.StartAsync(context.RequestAborted);
        await network.WriteAsync(buffer.GetBuffer().AsMemory(0, half), context.RequestAborted);
        await network.FlushAsync(context.RequestAborted);
        // Let the half reach the client before the reset, which would otherwise discard it unread.
        await Task.Delay(BreakGrace, context.RequestAborted);
        context.Abort();
    }

    private async Task HandleAsync(HttpContext context, RequestDelegate next, string path, BehaviourOptions behaviour)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var account = BasicAuthentication.Authenticate(context.Request.Headers.Authorization, _sandbox.AccountSid, _sandbox.AuthToken);
        if (account is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"impact.com\"";
            await ApiResponder.WriteErrorAsync(context, new ApiError(401, "Authentication failed: send AccountSID and AuthToken with HTTP Basic."));
            return;
        }
        if (segments.Length < 2 || segments[1] != account)
        {
            await ApiResponder.WriteErrorAsync(context, new ApiError(403, "The AccountSID in the path is not the authenticated account."));
            return;
        }

        var version = context.Request.Headers["IR-Version"].ToString();
        if (version.Length == 0) version = ListQuery.Value(context.Request.Query, "IrVersion") ?? "";
        if (version.Length > 0 && (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 11 || v > 14))
        {
            await ApiResponder.WriteErrorAsync(context, ApiError.Validation("IR-Version", $"'{version}' is not an API version of this account (11 to 14)."));
            return;
        }

        var family = segments.Length > 2 ? segments[2] : "";
        var decision = _rateLimiter.Take(account + "/" + family, behaviour.RateLimit, behaviour.RateLimitWindow, _sandbox.Clock.Now);
        WriteRateLimitHeaders(context, decision, behaviour);
        if (!decision.Allowed)
        {
            context.Response.Headers.RetryAfter = SecondsUntil(decision.ResetAt).ToString(CultureInfo.InvariantCulture);
            await ApiResponder.WriteErrorAsync(context, new ApiError(429, "The hourly request limit for this endpoint is spent."));
            return;
        }
        await next(context);
    }

    private void WriteRateLimitHeaders(HttpContext context, RateLimitDecision decision, BehaviourOptions behaviour)
    {
        // A Unix time is the client's wall clock, not the sandbox's (which --now may have set in the past).
        var reset = behaviour.RateLimitReset == RateLimitResetStyle.UnixTime
            ? DateTimeOffset.UtcNow.AddSeconds(SecondsUntil(decision.ResetAt)).ToUnixTimeSeconds()
            : SecondsUntil(decision.ResetAt);
        var headers = context.Response.Headers;
        if (behaviour.RateLimitHeaders == RateLimitHeaderStyle.RemainingOnly)
        {
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            return;
        }
        var hourly = behaviour.RateLimitHeaders == RateLimitHeaderStyle.Hour;
        headers[hourly ? "x-ratelimit-limit-hour" : "X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers[hourly ? "x-ratelimit-remaining-hour" : "X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[hourly ? "RateLimit-Reset" : "X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }

    private long SecondsUntil(DateTimeOffset at) => Math.Max(1, (long)Math.Ceiling((at - _sandbox.Clock.Now).TotalSeconds));

    private static string RetryAfter(FaultOptions faults) => faults.RetryAfterAsDate
        ? DateTimeOffset.UtcNow.AddSeconds(faults.RetryAfterSeconds).ToString("r", CultureInfo.InvariantCulture)
        : faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
}
