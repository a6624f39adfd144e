using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using ImpactActions.Core.Logging;
using ImpactActions.Core.Resilience;

namespace ImpactActions.Core.Connection;

/// <summary>
/// One account: its AccountSID, its AuthToken (held as a SecureString and turned to text only to
/// build each request's Basic header), one HttpClient, and the rate-limit budget it has seen.
/// Never shows the token: not in ToString, not in any message.
/// </summary>
public sealed class ImpactConnection : IDisposable
{
    private readonly SecureString _authToken;

    private ImpactConnection(string accountSid, SecureString authToken, CredentialSource source, ConnectionSettings settings)
    {
        AccountSid = accountSid;
        _authToken = authToken.Copy();
        _authToken.MakeReadOnly();
        CredentialSource = source;
        BaseUri = settings.BaseUri;
        ApiVersion = settings.ApiVersion;
        // Kept without the token: a connection is handed to users, and its settings with it.
        Settings = new ConnectionSettings
        {
            AccountSid = accountSid, BaseUri = settings.BaseUri, ApiVersion = settings.ApiVersion, RequestTimeout = settings.RequestTimeout,
            MaxRetries = settings.MaxRetries, RetryBaseDelay = settings.RetryBaseDelay, MaxRetryDelay = settings.MaxRetryDelay,
            MaxRateLimitWait = settings.MaxRateLimitWait,
        };
        var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate };
        Http = new HttpClient(handler) { BaseAddress = BaseUri, Timeout = settings.RequestTimeout };
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ImpactActions", typeof(ImpactConnection).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (ApiVersion is { } version) Http.DefaultRequestHeaders.Add("IR-Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Pacer = new RateLimitPacer(settings.MaxRateLimitWait);
        Redactor = BuildRedactor(accountSid, authToken);
    }

    public string AccountSid { get; }
    public Uri BaseUri { get; }
    public int? ApiVersion { get; }
    public CredentialSource CredentialSource { get; }
    public ConnectionSettings Settings { get; }

    /// <summary>The path every resource of this account lives under.</summary>
    public string AccountPath => "/Advertisers/" + Uri.EscapeDataString(AccountSid);

    internal HttpClient Http { get; }
    internal RateLimitPacer Pacer { get; }
    internal Redactor Redactor { get; }

    /// <summary>
    /// GET /APISubmissions answered 404 or 405 once: no seed page documents that list, so this API lacks
    /// it, and the connection stops asking.
    /// </summary>
    internal bool SubmissionListMissing { get; set; }

    /// <summary>Writes this connection queued and has not seen complete (Writing/QueuedWrites).</summary>
    internal Writing.QueuedWrites QueuedWrites { get; } = new();

    /// <summary>The tracker and Oid of actions whose record was read: an action's names never change.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, (long? ActionTrackerId, string? Oid)> ActionNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Resolves credentials (explicit, then environment), checks the address, and opens the connection.</summary>
    public static ImpactConnection Open(ConnectionSettings settings, Func<string, string?>? environment = null)
    {
        if (settings.BaseUri is null || !settings.BaseUri.IsAbsoluteUri)
            throw new ImpactConfigurationException("BaseUri must be an absolute https:// address.");
        var scheme = settings.BaseUri.Scheme;
        if (scheme == Uri.UriSchemeHttp && !settings.BaseUri.IsLoopback)
            throw new ImpactConfigurationException($"Refusing {settings.BaseUri}: the AuthToken would travel unencrypted. Use https://, or http:// only to a loopback address such as a local sandbox.");
        if (scheme != Uri.UriSchemeHttp && scheme != Uri.UriSchemeHttps)
            throw new ImpactConfigurationException($"BaseUri must be https:// (or http:// to loopback), not {scheme}://.");
        if (settings.ApiVersion is { } v && (v < 1 || v > 99))
            throw new ImpactConfigurationException($"ApiVersion {v} is not a version number.");
        if (settings.MaxRetries < 0) throw new ImpactConfigurationException("MaxRetries must not be negative.");
        if (settings.RequestTimeout <= TimeSpan.Zero) throw new ImpactConfigurationException("RequestTimeout must be positive.");

        var (sid, token, source) = CredentialResolver.Resolve(settings.AccountSid, settings.AuthToken, environment);
        return new ImpactConnection(sid, token, source, settings);
    }

    internal AuthenticationHeaderValue BasicHeader()
    {
        var token = SecretText.Reveal(_authToken);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(AccountSid + ":" + token)));
    }

    private static Redactor BuildRedactor(string accountSid, SecureString authToken)
    {
        var token = SecretText.Reveal(authToken);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(accountSid + ":" + token));
        return new Redactor(new[] { token, basic, Uri.EscapeDataString(token) });
    }

    public override string ToString() => $"{AccountSid} at {BaseUri}";

    public void Dispose()
    {
        Http.Dispose();
        _authToken.Dispose();
    }
}
