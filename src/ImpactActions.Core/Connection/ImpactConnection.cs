using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Linq;
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

    /// <summary>
    /// Connections a user holds at once stay few, and .NET Framework's limit of two per host lets one
    /// half-read page and one item read block a third request until it times out.
    /// </summary>
    internal const int ConnectionsPerServer = 8;

    private volatile bool _closed;

    private ImpactConnection(string accountSid, SecureString authToken, CredentialSource source, ConnectionSettings settings, ProxyPlan proxy)
    {
        AccountSid = accountSid;
        _authToken = authToken.Copy();
        _authToken.MakeReadOnly();
        Credentials = source;
        BaseUri = settings.BaseUri;
        ApiVersion = settings.ApiVersion;
        Settings = new EffectiveSettings(settings);
        ProxyPlan = proxy;
        FrameworkTls.AllowModernVersions();
        // Redirects are not followed: an answer from another origin is no answer of this account's, and a
        // write's body would go along with it. ImpactApiClient turns a 3xx into an error that says where it pointed.
        Handler = CreateHandler(proxy, Settings.ConnectTimeout);
        Http = new HttpClient(Handler) { BaseAddress = BaseUri, Timeout = settings.RequestTimeout };
        // .NET Framework sends Expect: 100-continue with every PUT and DELETE body: a round trip per write,
        // and a 417 from some proxies.
        Http.DefaultRequestHeaders.ExpectContinue = false;
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ImpactActions", typeof(ImpactConnection).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (ApiVersion is { } version) Http.DefaultRequestHeaders.Add("IR-Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Pacer = new RateLimitPacer(settings.MaxRateLimitWait);
        Redactor = BuildRedactor(accountSid, authToken, proxy.Secrets, proxy.Passwords);
    }

    /// <summary>
    /// On .NET, SocketsHttpHandler (what HttpClientHandler wraps there), for its ConnectTimeout: connecting, the
    /// TLS handshake and a proxy's tunnel get a bound of their own, shorter than a request's. netstandard2.0
    /// cannot name the type, so it is made and set by reflection. On .NET Framework and Mono, HttpClientHandler
    /// (HttpWebRequest on .NET Framework), which has no such setting: ImpactApiClient bounds connecting there
    /// for requests with a body, by the time until the body is asked for.
    /// </summary>
    private static HttpMessageHandler CreateHandler(ProxyPlan proxy, TimeSpan connectTimeout)
    {
        var decompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;
        if (!RuntimeFamily.IsFrameworkLike && typeof(HttpClient).Assembly.GetType("System.Net.Http.SocketsHttpHandler") is { } type
            && type.GetProperty("IsSupported", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not false
            && Activator.CreateInstance(type) is HttpMessageHandler sockets)
        {
            Set(sockets, "AutomaticDecompression", decompression);
            Set(sockets, "AllowAutoRedirect", false);
            Set(sockets, "UseProxy", proxy.UseProxy);
            if (proxy.Proxy is not null) Set(sockets, "Proxy", proxy.Proxy);
            if (proxy.DefaultProxyCredentials is not null) Set(sockets, "DefaultProxyCredentials", proxy.DefaultProxyCredentials);
            Set(sockets, "MaxConnectionsPerServer", ConnectionsPerServer);
            Set(sockets, "ConnectTimeout", connectTimeout);
            return sockets;
        }

        var handler = new HttpClientHandler
        {
            AutomaticDecompression = decompression,
            AllowAutoRedirect = false,
            UseProxy = proxy.UseProxy,
        };
        if (proxy.Proxy is not null) handler.Proxy = proxy.Proxy;
        if (proxy.DefaultProxyCredentials is not null) handler.DefaultProxyCredentials = proxy.DefaultProxyCredentials;
        try
        {
            handler.MaxConnectionsPerServer = ConnectionsPerServer;
        }
        catch (PlatformNotSupportedException)
        {
            // A runtime without the setting keeps its own limit.
        }
        return handler;
    }

    private static void Set(object target, string property, object value) =>
        (target.GetType().GetProperty(property) ?? throw new MissingMemberException(target.GetType().Name, property)).SetValue(target, value);

    /// <summary>A setting of the handler by name (MaxConnectionsPerServer, ConnectTimeout), to check what the connection asked of the runtime.</summary>
    internal object? HandlerSetting(string property) => Handler.GetType().GetProperty(property)?.GetValue(Handler);

    public string AccountSid { get; }
    public Uri BaseUri { get; }
    public int? ApiVersion { get; }
    /// <summary>Where the credentials came from, for the module's own code.</summary>
    internal CredentialSource Credentials { get; }

    /// <summary><see cref="Credentials"/> by name (Explicit or Environment), so ConvertTo-Json writes the name.</summary>
    public string CredentialSource => Credentials.ToString();
    /// <summary>What this connection works by: read-only, fixed when it opened.</summary>
    public EffectiveSettings Settings { get; }

    /// <summary>The path every resource of this account lives under.</summary>
    public string AccountPath => "/Advertisers/" + Uri.EscapeDataString(AccountSid);

    internal HttpClient Http { get; }

    /// <summary>The handler under <see cref="Http"/>: SocketsHttpHandler on .NET, HttpClientHandler on .NET Framework and Mono.</summary>
    internal HttpMessageHandler Handler { get; }
    internal ProxyPlan ProxyPlan { get; }

    /// <summary>How requests reach the API, for a verbose line: "proxy http://proxy:3128/ (-Proxy)", "the system proxy, if any", "direct (NO_PROXY)".</summary>
    public string ProxyDescription =>
        ProxyPlan.Address is { } address ? $"proxy {address} ({ProxyPlan.Source})"
        : !ProxyPlan.UseProxy ? $"direct ({ProxyPlan.DirectReason})"
        : "the system proxy, if any";

    /// <summary>Disconnect-ImpactAccount (or the end of its runspace) closed it: no request can be sent with it.</summary>
    public bool IsClosed => _closed;

    /// <summary>What a command says when it is given a closed connection (a method, so an open connection's view does not show it).</summary>
    public string ClosedMessage() =>
        $"The connection to {AccountSid} at {BaseUri} was closed (Disconnect-ImpactAccount): run Connect-ImpactAccount, or pass an open connection with -Connection.";
    internal RateLimitPacer Pacer { get; }
    internal Redactor Redactor { get; }

    /// <summary>
    /// GET /APISubmissions answered 404 or 405 once: this API lacks that list (documented, [SUBMISSIONS],
    /// but advised against), and the connection stops asking.
    /// </summary>
    internal bool SubmissionListMissing { get; set; }

    /// <summary>What the process knows of this account, shared by every connection to it (<see cref="AccountState"/>).</summary>
    internal AccountState Account => _account ??= AccountState.For(BaseUri, AccountSid);

    private AccountState? _account;

    /// <summary>Writes queued to this account and not yet seen complete (Writing/QueuedWrites), by any connection of the process.</summary>
    internal Writing.QueuedWrites QueuedWrites => Account.QueuedWrites;

    /// <summary>The tracker and Oid of actions whose record was read: an action's names never change.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, (long? ActionTrackerId, string? Oid)> ActionNames => Account.ActionNames;

    /// <summary>Resolves credentials (explicit, then environment), checks the address, and opens the connection.</summary>
    public static ImpactConnection Open(ConnectionSettings settings, Func<string, string?>? environment = null)
    {
        if (settings.BaseUri is null || !settings.BaseUri.IsAbsoluteUri)
            throw new ImpactConfigurationException("BaseUri must be an absolute https:// address.");
        // Checked first, so no message below repeats a password.
        if (settings.BaseUri.UserInfo.Length > 0)
            throw new ImpactConfigurationException(
                $"BaseUri must not carry a user name or password ({settings.BaseUri.Scheme}://…@{settings.BaseUri.Authority}): give the AccountSid and AuthToken with -AccountSid and -AuthToken, -Credential, or IMPACT_ACCOUNT_SID and IMPACT_AUTH_TOKEN.");
        // Requests go to /Advertisers/… under the origin: a path or a query given here would be silently dropped.
        // A query or a fragment is never repeated (a token pasted into ?token=… would be shown): only that one was given.
        if (settings.BaseUri.AbsolutePath != "/" || settings.BaseUri.Query.Length > 0 || settings.BaseUri.Fragment.Length > 0)
            throw new ImpactConfigurationException(
                $"BaseUri must be the API's address alone, such as https://api.impact.com: every request goes to /Advertisers/… under it, so {Dropped(settings.BaseUri)} would be dropped. Give -BaseUri {settings.BaseUri.GetLeftPart(UriPartial.Authority)}.");
        var scheme = settings.BaseUri.Scheme;
        if (scheme == Uri.UriSchemeHttp && !settings.BaseUri.IsLoopback)
            throw new ImpactConfigurationException($"Refusing {Shown(settings.BaseUri)}: the AuthToken would travel unencrypted. Give -BaseUri an https:// address, or an http:// one only to a loopback address such as a local sandbox.");
        if (scheme != Uri.UriSchemeHttp && scheme != Uri.UriSchemeHttps)
            throw new ImpactConfigurationException($"BaseUri must be https:// (or http:// to loopback), not {scheme}://.");
        if (settings.ApiVersion is { } v && (v < 1 || v > 99))
            throw new ImpactConfigurationException($"ApiVersion {v} is not a version number.");
        if (settings.MaxRetries < 0) throw new ImpactConfigurationException("MaxRetries must not be negative.");
        if (settings.RequestTimeout <= TimeSpan.Zero) throw new ImpactConfigurationException("RequestTimeout must be positive.");

        environment ??= Environment.GetEnvironmentVariable;
        var (sid, token, source) = CredentialResolver.Resolve(settings.AccountSid, settings.AuthToken, environment);
        var proxy = ProxyPlan.For(settings, settings.BaseUri, environment);
        return new ImpactConnection(sid, token, source, settings, proxy);
    }

    private static readonly char[] SecretMarks = { '?', '#', '@' };

    /// <summary>
    /// An address as it may be shown: scheme, host, port and path, never a user name, password, query or fragment,
    /// which may hold a secret. A relative address is not shown at all when it could hold one of those.
    /// </summary>
    public static string Shown(Uri address)
    {
        if (!address.IsAbsoluteUri)
            return address.OriginalString.IndexOfAny(SecretMarks) < 0 ? address.OriginalString : "(a relative address)";
        return address.Scheme + "://" + address.Authority + address.AbsolutePath;
    }

    /// <summary>What a BaseUri carries beyond its origin, named without repeating its query or fragment.</summary>
    private static string Dropped(Uri address)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (address.AbsolutePath != "/") parts.Add($"its path '{address.AbsolutePath}'");
        if (address.Query.Length > 0) parts.Add("its query");
        if (address.Fragment.Length > 0) parts.Add("its fragment");
        var named = parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[parts.Count - 1];
        return named + (address.Query.Length > 0 || address.Fragment.Length > 0 ? " (not shown here: it may hold a secret)" : "");
    }

    internal AuthenticationHeaderValue BasicHeader()
    {
        if (_closed) throw new ConnectionClosedException(inFlight: false);
        var token = SecretText.Reveal(_authToken);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(AccountSid + ":" + token)));
    }

    private static Redactor BuildRedactor(string accountSid, SecureString authToken, System.Collections.Generic.IEnumerable<string> proxySecrets,
        System.Collections.Generic.IEnumerable<string> proxyPasswords)
    {
        var token = SecretText.Reveal(authToken);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(accountSid + ":" + token));
        return new Redactor(new[] { token, basic, Uri.EscapeDataString(token) }.Concat(proxySecrets), proxyPasswords);
    }

    public override string ToString() => $"{AccountSid} at {BaseUri}";

    public void Dispose()
    {
        _closed = true;
        Http.Dispose();
        _authToken.Dispose();
    }
}

/// <summary>A request on a connection Disconnect-ImpactAccount closed: refused before it was sent, or cut off in flight.</summary>
internal sealed class ConnectionClosedException : Exception
{
    public ConnectionClosedException(bool inFlight, Exception? inner = null)
        : base(inFlight ? "The connection was closed (Disconnect-ImpactAccount) while the request was in flight." : "The connection was closed (Disconnect-ImpactAccount).", inner) =>
        InFlight = inFlight;

    /// <summary>Whether the request's body had begun to go out when the connection closed.</summary>
    public bool InFlight { get; }
}
