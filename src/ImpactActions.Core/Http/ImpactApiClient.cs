using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Logging;
using ImpactActions.Core.Resilience;
using Polly;
using Polly.Retry;

namespace ImpactActions.Core.Http;

/// <summary>
/// Sends every request of one operation through one pipeline: pacing to the rate-limit budget,
/// Basic authentication, retries with exponential backoff and jitter (honouring Retry-After), and a
/// log line for each request, answer, retry and wait, with the token redacted from all of it.
/// </summary>
public sealed class ImpactApiClient
{
    private static readonly ResiliencePropertyKey<ApiRequest> RequestKey = new("impact.request");

    /// <summary>Why an earlier attempt of a write left its outcome unknown, when one did: a later refusal cannot undo what it may have done.</summary>
    private static readonly ResiliencePropertyKey<string> EarlierAttemptUnknownKey = new("impact.earlier-attempt-unknown");

    private readonly ImpactConnection _connection;
    private readonly RedactingLog _log;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ImpactApiClient(ImpactConnection connection, IImpactLog? log = null)
    {
        _connection = connection;
        _log = new RedactingLog(log ?? NullLog.Instance, connection.Redactor);
        _pipeline = BuildPipeline(connection.Settings);
    }

    public ImpactConnection Connection => _connection;

    public IImpactLog Log => _log;

    /// <summary>The path of a resource of this account, e.g. <c>Path("Actions")</c>.</summary>
    public string Path(string relative) => _connection.AccountPath + "/" + relative.TrimStart('/');

    /// <summary>
    /// A successful answer (2xx), which the caller disposes; otherwise an <see cref="ImpactApiException"/>
    /// once retries are spent, with <see cref="ImpactApiException.OutcomeUnknown"/> set where a write may
    /// have been queued (no definite answer: a 5xx, a timeout, a dropped connection), retried or not.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellation) =>
        (await SendTracingAttemptsAsync(request, cancellation).ConfigureAwait(false)).Response;

    /// <summary>
    /// A write's whole answer, and, when an earlier attempt of it was sent and its answer lost before a later attempt
    /// was accepted, why (<see cref="WriteAnswer.EarlierAttemptLost"/>): that attempt may have been queued too, so the
    /// BatchId of the answer need not be the submission that makes the change.
    /// </summary>
    public async Task<WriteAnswer> SendWriteAsync(ApiRequest request, CancellationToken cancellation)
    {
        var (response, earlierUnknown) = await SendTracingAttemptsAsync(request, cancellation).ConfigureAwait(false);
        using (response)
        {
            var body = await ReadBodyAsync(response).ConfigureAwait(false);
            _log.Debug($"Answer body: {Encoding.UTF8.GetString(body)}");
            return new WriteAnswer(body, earlierUnknown);
        }
    }

    private async Task<(HttpResponseMessage Response, string? EarlierUnknown)> SendTracingAttemptsAsync(ApiRequest request, CancellationToken cancellation)
    {
        if (_connection.IsClosed) throw Closed(request, inFlight: false);
        CheckTarget(request.Target);
        var context = ResilienceContextPool.Shared.Get(cancellation);
        context.Properties.Set(RequestKey, request);
        Outcome<HttpResponseMessage> outcome;
        string? earlierUnknown;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(
                static (ctx, state) => state.Client.AttemptAsync(state.Request, ctx.CancellationToken),
                context, (Client: this, Request: request)).ConfigureAwait(false);
            earlierUnknown = context.Properties.TryGetValue(EarlierAttemptUnknownKey, out var why) ? why : null;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        try
        {
            return (await AnswerAsync(request, outcome, cancellation).ConfigureAwait(false), earlierUnknown);
        }
        catch (ImpactApiException e) when (earlierUnknown is not null && !e.OutcomeUnknown)
        {
            // A retried write whose first attempt may have been applied: the last answer (a 429, a refusal
            // such as "already reversed") says nothing of that attempt, so the outcome stays unknown.
            throw new ImpactApiException(e.Request, e.StatusCode,
                $"{e.ApiMessage.TrimEnd('.')}; an earlier attempt was sent and its answer lost ({earlierUnknown}), so it may have been applied",
                e.FieldErrors, outcomeUnknown: true, inner: e);
        }
    }

    private async Task<HttpResponseMessage> AnswerAsync(ApiRequest request, Outcome<HttpResponseMessage> outcome, CancellationToken cancellation)
    {

        cancellation.ThrowIfCancellationRequested();
        if (outcome.Exception is { } exception)
        {
            if (exception is ImpactConfigurationException) throw exception;
            if (exception is RateLimitWaitTooLongException tooLong)
                throw new ImpactApiException(request.ToString(), 429, tooLong.Message, inner: tooLong);
            if (exception is ConnectionClosedException closed) throw Closed(request, closed.InFlight);
            if (TransportFailure.ProxyRefusedTunnel(exception))
                throw new ImpactApiException(request.ToString(), 407, ProxyRefusal(), inner: Sanitize(exception));
            var unknown = request.IsWrite && !TransportFailure.NeverLeft(exception);
            throw new ImpactApiException(request.ToString(), null, RedactFailure(TransportFailure.Describe(exception)), outcomeUnknown: unknown, inner: Sanitize(exception));
        }

        var response = outcome.Result!;
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
                throw new ImpactApiException(request.ToString(), 407, ProxyRefusal());
            if ((int)response.StatusCode is >= 300 and < 400)
                throw new ImpactApiException(request.ToString(), (int)response.StatusCode, Redact(RedirectRefusal(response)),
                    outcomeUnknown: request.IsWrite);
            byte[] body;
            try
            {
                body = request.Streamed ? await ReadStreamedBodyAsync(response, cancellation).ConfigureAwait(false) : await ReadBodyAsync(response).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException && !cancellation.IsCancellationRequested)
            {
                // The status is the answer; an error body broken off only loses its wording.
                body = Array.Empty<byte>();
            }
            var (message, fields) = ErrorEnvelope.Parse(body, response.ReasonPhrase);
            var status = (int)response.StatusCode;
            if (status == 429 && StatedWait(response) is { } stated && stated > _connection.Settings.MaxRateLimitWait)
                message = $"{message.TrimEnd('.')}. The API asked for a wait of {WaitWords.For(stated)} ({stated.TotalSeconds:0} s), longer than the "
                          + $"{WaitWords.For(_connection.Settings.MaxRateLimitWait)} Connect-ImpactAccount -MaxRateLimitWaitSeconds allows, so it was not retried; run again later, or connect with a larger -MaxRateLimitWaitSeconds";
            _log.Debug($"Error body: {Encoding.UTF8.GetString(body)}");
            throw new ImpactApiException(request.ToString(), status, Redact(message), fields,
                outcomeUnknown: request.IsWrite && !AnsweredWithoutProcessing(status));
        }
    }

    /// <summary>Sends and reads the whole body of a small answer.</summary>
    public async Task<byte[]> SendForBodyAsync(ApiRequest request, CancellationToken cancellation)
    {
        using var response = await SendAsync(request, cancellation).ConfigureAwait(false);
        var body = await ReadBodyAsync(response).ConfigureAwait(false);
        _log.Debug($"Answer body: {Encoding.UTF8.GetString(body)}");
        return body;
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(ApiRequest request, CancellationToken cancellation)
    {
        var family = FamilyOf(request.Target);
        await _connection.Pacer.WaitAsync(family, _log, cancellation).ConfigureAwait(false);
        if (_connection.IsClosed) return Outcome.FromException<HttpResponseMessage>(new ConnectionClosedException(inFlight: false));

        using var message = new HttpRequestMessage(request.Method, request.Target);
        message.Headers.Authorization = _connection.BasicHeader();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        WriteContent? content = null;
        var connectTimeout = _connection.Settings.ConnectTimeout;
        if (request.Form is not null)
        {
            var body = request.Body!;
            // Until the runtime asks for the body, the request is connecting (TCP, TLS, a proxy's tunnel); that gets
            // the shorter bound on every runtime, and a failure then proves the request never left.
            content = new WriteContent(body) { OnStarted = () => CancelAfterSafely(attempt, Timeout.InfiniteTimeSpan) };
            message.Content = content;
            if (connectTimeout < _connection.Settings.RequestTimeout) attempt.CancelAfter(connectTimeout);
            _log.Debug($"{request.Method} {request.Target} body: {body}");
        }
        _log.Verbose($"{request.Method} {request.Target}");
        var timer = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            var completion = request.Streamed ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
            response = await _connection.Http.SendAsync(message, completion, attempt.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested && _connection.IsClosed)
        {
            return Outcome.FromException<HttpResponseMessage>(new ConnectionClosedException(inFlight: content?.Started ?? true, e));
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            if (content is { Started: false } || TransportFailure.ConnectTimedOut(e))
            {
                var seconds = (content is { Started: false } ? connectTimeout : _connection.Settings.ConnectTimeout).TotalSeconds;
                _log.Verbose($"{request.Method} {request.Target}: no connection within {seconds:0.#} s; nothing was sent");
                return Outcome.FromException<HttpResponseMessage>(new RequestNotSentException(
                    $"No connection within {seconds:0.#} s (the connection, the TLS handshake or the proxy's tunnel did not complete): the request was not sent.", e));
            }
            _log.Verbose($"{request.Method} {request.Target}: no answer within {_connection.Settings.RequestTimeout.TotalSeconds:0} s");
            return Outcome.FromException<HttpResponseMessage>(new TimeoutException($"No answer within {_connection.Settings.RequestTimeout.TotalSeconds:0} s."));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            _log.Verbose($"{request.Method} {request.Target}: {RedactFailure(e.Message)}");
            if (content is { Started: false } && !TransportFailure.NeverLeft(e))
                return Outcome.FromException<HttpResponseMessage>(new RequestNotSentException(TransportFailure.Describe(e) + " The request was not sent.", e));
            return Outcome.FromException<HttpResponseMessage>(e);
        }
        catch (Exception e) when (e is NotSupportedException or PlatformNotSupportedException or InvalidOperationException && content is not { Started: true })
        {
            // The runtime cannot send it as configured (a proxy scheme it does not speak, say): nothing left, and
            // no further attempt would change that.
            _log.Verbose($"{request.Method} {request.Target}: {RedactFailure(e.Message)}");
            return Outcome.FromException<HttpResponseMessage>(new RequestNotSentException(
                TransportFailure.Describe(e) + " The request was not sent: this runtime cannot send it as the connection is set up.", e, retryable: false));
        }

        var now = DateTimeOffset.UtcNow;
        var budget = RateLimitState.Read(response.Headers, now);
        var retryAfter = RetryAfter.Read(response, now);
        _connection.Pacer.Observe(family, budget, retryAfter);
        _log.Verbose($"{(int)response.StatusCode} {response.ReasonPhrase} in {timer.ElapsedMilliseconds} ms"
                     + (budget.IsKnown ? $", {budget.Remaining}{(budget.Limit is { } limit ? $" of {limit}" : "")} requests left" : "")
                     + (retryAfter is { } ra ? $", retry after {ra.TotalSeconds:0.#} s" : ""));
        return Outcome.FromResult(response);
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(EffectiveSettings settings)
    {
        if (settings.MaxRetries == 0) return ResiliencePipeline<HttpResponseMessage>.Empty;
        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, settings)),
                // A wait the answer states is the pacer's to keep (it recorded it): the retry adds none, so waits never stack.
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } answer && StatedWait(answer) is not null ? TimeSpan.Zero : null),
                OnRetry = args =>
                {
                    var sent = args.Context.Properties.TryGetValue(RequestKey, out var r) ? r : null;
                    var request = sent?.ToString() ?? "request";
                    var reason = args.Outcome.Exception is { } e ? RedactFailure(e.Message) : $"{(int)args.Outcome.Result!.StatusCode} {args.Outcome.Result.ReasonPhrase}";
                    if (sent is { IsWrite: true } && LeftUnknown(args.Outcome) && !args.Context.Properties.TryGetValue(EarlierAttemptUnknownKey, out _))
                        args.Context.Properties.Set(EarlierAttemptUnknownKey, reason);
                    var message = $"Retrying {request} in {args.RetryDelay.TotalSeconds:0.0} s (retry {args.AttemptNumber + 1} of {settings.MaxRetries}): {reason}";
                    if (args.RetryDelay > RateLimitPacer.LongWait) _log.Warning(message + " (Ctrl+C stops.)");
                    else _log.Verbose(message);
                    return default;
                },
            })
            .Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, EffectiveSettings settings)
    {
        var idempotent = !context.Properties.TryGetValue(RequestKey, out var request) || request.Idempotent;
        if (outcome.Exception is { } exception)
            return exception is HttpRequestException or IOException or TimeoutException
                   && exception is not RequestNotSentException { Retryable: false }
                   && !TransportFailure.ProxyRefusedTunnel(exception)
                   && (idempotent || TransportFailure.NeverLeft(exception));
        var status = (int)outcome.Result!.StatusCode;
        if (status == 407) return false;
        // A 429 asking for longer than -MaxRateLimitWaitSeconds fails at once, with the wait it was told.
        if (Declined(status)) return StatedWait(outcome.Result) is not { } wait || wait <= settings.MaxRateLimitWait;
        return idempotent && status is 500 or 502 or 503 or 504;
    }

    /// <summary>Whether an attempt's outcome leaves a write's fate open: no answer after it left, or an answer other than a 2xx or 4xx.</summary>
    private static bool LeftUnknown(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception ? !TransportFailure.NeverLeft(exception) : !AnsweredWithoutProcessing((int)outcome.Result!.StatusCode);

    /// <summary>
    /// A 429 is the API declining the request before it does anything, so even a delta may be resent. A 503
    /// is not: a proxy or a failing node may answer it after the write was queued, as with a 500.
    /// </summary>
    private static bool Declined(int status) => status == 429;

    /// <summary>
    /// A 4xx is the API's definite answer that it did not queue the request (a refusal, or a 429 declining it);
    /// a 5xx, a 3xx or no answer at all leaves a write's outcome unknown, however often it was retried.
    /// </summary>
    private static bool AnsweredWithoutProcessing(int status) => status is >= 400 and < 500;

    /// <summary>A 407: the proxy, named with where it came from, what it refused, and the remedy that applies.</summary>
    private string ProxyRefusal()
    {
        var plan = _connection.ProxyPlan;
        var proxy = plan.Describe();
        proxy = char.ToUpperInvariant(proxy[0]) + proxy.Substring(1);
        const string status = "(407 Proxy Authentication Required)";
        return plan.CredentialSource switch
        {
            ProxyCredentialSource.ProxyCredential =>
                $"{proxy} refused the user name and password given with -ProxyCredential {status}: check them, or use -ProxyUseDefaultCredentials for your Windows sign-in instead.",
            ProxyCredentialSource.DefaultCredentials =>
                $"{proxy} refused your Windows sign-in (-ProxyUseDefaultCredentials) {status}: it may not accept this account, or NTLM and Kerberos; pass its user name and password with -ProxyCredential instead.",
            ProxyCredentialSource.Variable =>
                $"{proxy} refused the user name and password in {plan.Source} {status}: correct them in {plan.Source}, or pass -ProxyCredential to Connect-ImpactAccount, which takes their place.",
            _ => $"{proxy} asks for credentials {status}: pass -ProxyCredential to Connect-ImpactAccount, or -ProxyUseDefaultCredentials for your Windows sign-in.",
        };
    }

    /// <summary>
    /// A 3xx: redirects are not followed. Only the BaseUri's origin is given the credentials, and an answer from
    /// elsewhere (an empty list, a login page) is no answer of this account's.
    /// </summary>
    private string RedirectRefusal(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is not null && !location.IsAbsoluteUri && response.RequestMessage?.RequestUri is { } from) location = new Uri(from, location);
        var where = location is null ? "nowhere (no Location)" : location.GetLeftPart(UriPartial.Path);
        if (location is not null && location.UserInfo.Length > 0) where = location.Scheme + "://" + location.Authority + location.AbsolutePath;
        var origin = _connection.BaseUri.GetLeftPart(UriPartial.Authority);
        var elsewhere = location is not null && !string.Equals(location.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);
        return $"The answer redirects to {where}{(elsewhere ? ", another origin than " + origin : "")}; ImpactActions follows no redirect: check -BaseUri.";
    }

    /// <summary>The wait an answer states: its Retry-After, or for a 429 with nothing left, its reset; null when it states none.</summary>
    private static TimeSpan? StatedWait(HttpResponseMessage response)
    {
        var now = DateTimeOffset.UtcNow;
        if (RetryAfter.Read(response, now) is { } retryAfter) return retryAfter;
        if ((int)response.StatusCode != 429) return null;
        var budget = RateLimitState.Read(response.Headers, now);
        return budget.Remaining == 0 && budget.ResetAt is { } reset ? reset - now : null;
    }

    /// <summary>
    /// Refuses a target that would take the credentials to another origin. It is resolved against the BaseUri as
    /// HttpClient resolves it, so a link the API's answer gave as <c>//other-host/…</c> or <c>\\other-host\…</c>
    /// (relative to the scheme, not the host) is seen for the other host it names.
    /// </summary>
    private void CheckTarget(string target)
    {
        var baseUri = _connection.BaseUri;
        var relative = target.StartsWith("/", StringComparison.Ordinal) && !target.StartsWith("//", StringComparison.Ordinal);
        if (!Uri.TryCreate(baseUri, relative ? target : target.Replace('\\', '/'), out var resolved))
            throw new ImpactResponseException($"Refusing to follow a link that is no address under {baseUri.GetLeftPart(UriPartial.Authority)}: the credentials are only sent there.");
        if (!string.Equals(resolved.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(resolved.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase) || resolved.Port != baseUri.Port)
            throw new ImpactResponseException($"Refusing to follow {resolved.GetLeftPart(UriPartial.Authority)}: the credentials are only sent to {baseUri.GetLeftPart(UriPartial.Authority)}.");
    }

    private static readonly char[] PathSeparator = { '/' };

    /// <summary>The endpoint family the API budgets separately: the path segment after the AccountSID.</summary>
    internal static string FamilyOf(string target)
    {
        var path = Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme != "file" ? absolute.AbsolutePath : target;
        var query = path.IndexOf('?');
        if (query >= 0) path = path.Substring(0, query);
        var segments = path.Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 2 ? segments[2] : path;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response) =>
        response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);

    /// <summary>
    /// A streamed answer's body, for a parser to read as it arrives: the request timeout bounds every wait for its
    /// next bytes (<see cref="IdleTimeoutStream"/>).
    /// </summary>
    internal async Task<Stream> OpenBodyAsync(HttpResponseMessage response)
    {
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return new IdleTimeoutStream(stream, response, _connection.Settings.RequestTimeout);
    }

    private async Task<byte[]> ReadStreamedBodyAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        if (response.Content is null) return Array.Empty<byte>();
        using var stream = await OpenBodyAsync(response).ConfigureAwait(false);
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellation).ConfigureAwait(false)) > 0) copy.Write(buffer, 0, read);
        return copy.ToArray();
    }

    private ImpactApiException Closed(ApiRequest request, bool inFlight) =>
        new(request.ToString(), null, _connection.ClosedMessage() + (inFlight ? " It closed while this request was in flight." : " The request was not sent."),
            outcomeUnknown: request.IsWrite && inFlight, connectionClosed: true);

    private static void CancelAfterSafely(CancellationTokenSource source, TimeSpan delay)
    {
        try
        {
            source.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // The attempt is over.
        }
    }

    private string Redact(string text) => _connection.Redactor.Redact(text);

    /// <summary>A runtime's failure text: also every proxy password (<see cref="Redactor.RedactFailure"/>).</summary>
    internal string RedactFailure(string text) => _connection.Redactor.RedactFailure(text);

    /// <summary>An exception as a user may reach it, its messages redacted (<see cref="Redactor.RedactException"/>).</summary>
    internal Exception Sanitize(Exception exception) => _connection.Redactor.RedactException(exception);
}

/// <summary>
/// A write's accepted answer. <see cref="EarlierAttemptLost"/> is null when no earlier attempt of it may have been
/// queued; otherwise it says why one may have been (its answer was lost), and the caller must look for that attempt's
/// submission before taking this answer's BatchId for the write's (docs/write-contract.md, rule 1).
/// </summary>
public sealed record WriteAnswer(byte[] Body, string? EarlierAttemptLost);
