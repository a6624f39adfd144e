using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;

namespace ImpactActions.Core.Connection;

/// <summary>Where the credentials a proxy is answered with come from.</summary>
internal enum ProxyCredentialSource
{
    None,
    ProxyCredential,
    DefaultCredentials,
    Variable,
}

/// <summary>
/// Which proxy a connection's requests take, decided once when it opens, the same way on every runtime:
/// <list type="bullet">
/// <item>-Proxy (<see cref="ConnectionSettings.Proxy"/>): every request goes through it.</item>
/// <item>Otherwise the proxy variables, read by .NET's own rules (HttpEnvironmentProxy): http_proxy or
/// HTTP_PROXY for an http:// address, https_proxy or HTTPS_PROXY for https://, all_proxy or ALL_PROXY for
/// either, lower case first; NO_PROXY (no_proxy first) sends the host direct. .NET Framework reads no
/// variable at all, and .NET reads them once per process, so the plan reads them for both.</item>
/// <item>Otherwise the system proxy (Internet Options, WinHTTP, a PAC script), or none.</item>
/// </list>
/// Credentials for a 407 come from -ProxyCredential, the Windows sign-in, or the variable's user:password.
/// Every proxy password found in the settings or in any proxy variable is handed to the redactor,
/// whether or not this connection uses it: .NET puts the variable's address, password included, in its errors.
/// </summary>
internal sealed class ProxyPlan
{
    /// <summary>The variables that may name a proxy, in the order .NET reads them.</summary>
    internal static readonly string[] VariableNames = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };

    private readonly Uri _baseUri;

    private ProxyPlan(Uri baseUri, IWebProxy? proxy, bool useProxy, ICredentials? defaultCredentials, string? source, Uri? address,
        ProxyCredentialSource credentialSource, IReadOnlyList<string> secrets, IReadOnlyList<string> passwords)
    {
        _baseUri = baseUri;
        Proxy = proxy;
        UseProxy = useProxy;
        DefaultProxyCredentials = defaultCredentials;
        Source = source;
        Address = address;
        CredentialSource = credentialSource;
        Secrets = secrets;
        Passwords = passwords;
    }

    /// <summary>For HttpClientHandler.Proxy; null leaves the runtime's default proxy.</summary>
    public IWebProxy? Proxy { get; }

    /// <summary>False when the request goes direct (NO_PROXY names the host, or the variables name no proxy for its scheme).</summary>
    public bool UseProxy { get; }

    /// <summary>For HttpClientHandler.DefaultProxyCredentials: what the runtime's default proxy is answered with.</summary>
    public ICredentials? DefaultProxyCredentials { get; }

    /// <summary>Where the proxy came from ("-Proxy", "HTTPS_PROXY"), or null for the system's.</summary>
    public string? Source { get; }

    /// <summary>Why requests go direct when <see cref="UseProxy"/> is false, for a verbose line.</summary>
    public string? DirectReason { get; private set; }

    /// <summary>The proxy's address without credentials, when the plan chose it.</summary>
    public Uri? Address { get; }

    public ProxyCredentialSource CredentialSource { get; }

    /// <summary>Forms of a proxy credential that are never part of any other text (Basic headers), for the redactor everywhere.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>Proxy passwords as typed and as URLs spell them, for the redactor in the runtime's failure texts.</summary>
    public IReadOnlyList<string> Passwords { get; }

    public static ProxyPlan For(ConnectionSettings settings, Uri baseUri, Func<string, string?> environment) =>
        For(settings, baseUri, environment, frameworkLike: RuntimeFamily.IsFrameworkLike);

    internal static ProxyPlan For(ConnectionSettings settings, Uri baseUri, Func<string, string?> environment, bool frameworkLike)
    {
        if (settings.ProxyCredential is not null && settings.ProxyUseDefaultCredentials)
            throw new ImpactConfigurationException("Give either -ProxyCredential or -ProxyUseDefaultCredentials, not both.");
        ICredentials? given = settings.ProxyUseDefaultCredentials ? CredentialCache.DefaultCredentials : settings.ProxyCredential;
        var givenSource = settings.ProxyUseDefaultCredentials ? ProxyCredentialSource.DefaultCredentials
            : settings.ProxyCredential is not null ? ProxyCredentialSource.ProxyCredential : ProxyCredentialSource.None;

        // Every password in sight, before anything can fail and say something.
        var secrets = new List<string>();
        var passwords = new List<string>();
        AddSecrets(settings.ProxyCredential?.UserName, settings.ProxyCredential?.Password, secrets, passwords);
        foreach (var name in VariableNames) AddVariableSecrets(environment(name), secrets, passwords);

        // An http:// BaseUri is allowed to loopback only, so that the token never crosses a network unencrypted; a
        // proxy on another host would carry it across one (and could not reach this machine's loopback anyway).
        var cleartext = baseUri.Scheme == Uri.UriSchemeHttp;
        if (settings.Proxy is { } explicitProxy)
        {
            var address = CheckAddress(explicitProxy, frameworkLike);
            if (cleartext && !address.IsLoopback)
                throw new ImpactConfigurationException(
                    $"Refusing -Proxy {address} for {baseUri.GetLeftPart(UriPartial.Authority)}: an http:// address goes to loopback only, and the proxy would carry the AuthToken unencrypted. Leave out -Proxy, or use a proxy on loopback.");
            return new ProxyPlan(baseUri, new FixedProxy(address, given), true, null, "-Proxy", address, givenSource, secrets, passwords);
        }

        if (EnvironmentProxy(baseUri, environment) is { } variable)
        {
            if (cleartext && variable.Address is { IsLoopback: false })
                return new ProxyPlan(baseUri, null, false, null, variable.Name, null, ProxyCredentialSource.None, secrets, passwords)
                {
                    DirectReason = $"an http:// address on loopback, never sent through {variable.Name}'s proxy on another host",
                };
            if (variable.Address is null)
                return new ProxyPlan(baseUri, null, false, null, variable.Name, null, ProxyCredentialSource.None, secrets, passwords) { DirectReason = variable.DirectReason };
            if (frameworkLike && variable.Address.Scheme != Uri.UriSchemeHttp)
                throw new ImpactConfigurationException(
                    $"{variable.Name} names a {variable.Address.Scheme}:// proxy ({variable.Address}), which Windows PowerShell 5.1 (.NET Framework) cannot use: set it to the proxy's http:// address, add {baseUri.Host} to NO_PROXY, or pass -Proxy.");
            var credentials = given ?? variable.Credentials;
            var source = given is not null ? givenSource : variable.Credentials is not null ? ProxyCredentialSource.Variable : ProxyCredentialSource.None;
            return new ProxyPlan(baseUri, new FixedProxy(variable.Address, credentials), true, null, variable.Name, variable.Address, source, secrets, passwords);
        }

        if (cleartext)
            return new ProxyPlan(baseUri, null, false, null, null, null, ProxyCredentialSource.None, secrets, passwords)
            {
                DirectReason = "an http:// address on loopback, never sent through the system proxy",
            };
        return new ProxyPlan(baseUri, null, true, given, null, null, givenSource, secrets, passwords);
    }

    /// <summary>The proxy a 407 came from, in words, e.g. "the proxy http://proxy:3128/ (-Proxy)".</summary>
    public string Describe()
    {
        if (Address is { } address) return $"the proxy {address} ({Source})";
        var system = SystemProxyFor(_baseUri);
        return system is null ? "the system proxy" : $"the system proxy {system}";
    }

    private static Uri? SystemProxyFor(Uri target)
    {
        try
        {
            // .NET keeps its default proxy (the environment's, then the system's) on HttpClient.DefaultProxy;
            // .NET Framework on WebRequest.DefaultWebProxy. netstandard2.0 names only the latter.
            var proxy = typeof(HttpClient).GetProperty("DefaultProxy")?.GetValue(null) as IWebProxy ?? WebRequest.DefaultWebProxy;
            if (proxy is null || proxy.IsBypassed(target)) return null;
            var address = proxy.GetProxy(target);
            return address is null || address == target ? null : WithoutUserInfo(address);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static Uri CheckAddress(Uri address, bool frameworkLike)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            throw new ImpactConfigurationException("Proxy must be an http:// address such as http://proxy.example.com:8080.");
        if (address.UserInfo.Length > 0)
            throw new ImpactConfigurationException("Proxy must not carry a user name or password: give them with -ProxyCredential.");
        // .NET Framework's HttpWebRequest (and Mono's handler) cannot speak TLS to a proxy: every request would
        // fail with NotSupportedException. Refused here, before anything is sent.
        if (frameworkLike && address.Scheme == Uri.UriSchemeHttps)
            throw new ImpactConfigurationException(
                $"Proxy {address.GetLeftPart(UriPartial.Authority)}: Windows PowerShell 5.1 (.NET Framework) cannot reach a proxy over https://; give -Proxy the proxy's http:// address, or use PowerShell 7.");
        // A proxy is a host and a port: a path or query given with it is no part of it, and is never repeated.
        return new Uri(address.GetLeftPart(UriPartial.Authority) + "/");
    }

    private sealed class Variable
    {
        public Variable(string name, Uri? address, NetworkCredential? credentials, string? directReason)
        {
            Name = name;
            Address = address;
            Credentials = credentials;
            DirectReason = directReason;
        }

        public string Name { get; }

        /// <summary>Null when the request goes direct.</summary>
        public Uri? Address { get; }

        public NetworkCredential? Credentials { get; }

        public string? DirectReason { get; }
    }

    /// <summary>
    /// The variable .NET's HttpEnvironmentProxy would take for this address: the scheme's own variable (lower
    /// case first; HTTP_PROXY not under CGI, where REQUEST_METHOD is set), then all_proxy/ALL_PROXY; a value it
    /// cannot read counts as unset. Once any variable names a proxy, an address whose scheme has none goes direct.
    /// </summary>
    private static Variable? EnvironmentProxy(Uri target, Func<string, string?> environment)
    {
        (string Name, Uri Uri)? Read(params string[] names)
        {
            foreach (var name in names)
                if (ParseProxyVariable(environment(name)) is { } uri) return (name, uri);
            return null;
        }

        var http = Read("http_proxy") ?? (environment("REQUEST_METHOD") is null ? Read("HTTP_PROXY") : null);
        var https = Read("https_proxy", "HTTPS_PROXY");
        if (http is null || https is null)
        {
            var all = Read("all_proxy", "ALL_PROXY");
            http ??= all;
            https ??= all;
        }
        if (http is null && https is null) return null;

        var chosen = target.Scheme == Uri.UriSchemeHttps ? https : http;
        if (chosen is null)
        {
            var other = (http ?? https)!.Value.Name;
            return new Variable(other, null, null, $"{other} names no proxy for {target.Scheme}://");
        }
        var noProxy = environment("no_proxy") ?? environment("NO_PROXY");
        if (Bypassed(target, noProxy)) return new Variable(chosen.Value.Name, null, null, $"{chosen.Value.Name} bypassed by NO_PROXY");
        return new Variable(chosen.Value.Name, WithoutUserInfo(chosen.Value.Uri), CredentialsOf(chosen.Value.Uri), null);
    }

    /// <summary>
    /// A proxy variable's value as .NET reads it (HttpEnvironmentProxy.GetUriFromString): http://, https://,
    /// socks4://, socks4a:// or socks5://, or no scheme for http://; user:password before the last '@', decoded if
    /// encoded; host and port. Anything else (another scheme, a bad port, spaces) is null: not a proxy.
    /// </summary>
    internal static Uri? ParseProxyVariable(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var text = value!;
        var hostIndex = 0;
        var protocol = "http";
        var schemes = new[] { ("http://", "http"), ("https://", "https"), ("socks4://", "socks4"), ("socks4a://", "socks4a"), ("socks5://", "socks5") };
        var known = schemes.FirstOrDefault(s => text.StartsWith(s.Item1, StringComparison.OrdinalIgnoreCase));
        if (known.Item1 is not null)
        {
            hostIndex = known.Item1.Length;
            protocol = known.Item2;
        }
        else if (text.Contains("://"))
        {
            return null;
        }

        string? user = null, password = null;
        var at = text.LastIndexOf('@');
        if (at >= hostIndex)
        {
            var auth = text.Substring(hostIndex, at - hostIndex);
            hostIndex = at + 1;
            var colon = auth.IndexOf(':');
            if (colon < 0) user = auth;
            else
            {
                user = auth.Substring(0, colon);
                password = auth.Substring(colon + 1);
            }
        }

        var ipv6End = text.IndexOf(']', hostIndex);
        var separator = text.LastIndexOf(':');
        string host;
        int port = protocol == "https" ? 443 : 80;
        if (separator < hostIndex || (ipv6End >= 0 && separator < ipv6End))
        {
            host = text.Substring(hostIndex);
        }
        else
        {
            host = text.Substring(hostIndex, separator - hostIndex);
            var end = separator + 1;
            while (end < text.Length && char.IsDigit(text[end])) end++;
            if (!ushort.TryParse(text.Substring(separator + 1, end - separator - 1), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var parsedPort)) return null;
            port = parsedPort;
        }

        try
        {
            var builder = new UriBuilder(protocol, host, port);
            if (user is not null) builder.UserName = Uri.EscapeDataString(Uri.UnescapeDataString(user));
            if (password is not null) builder.Password = Uri.EscapeDataString(Uri.UnescapeDataString(password));
            return builder.Uri;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// NO_PROXY as .NET reads it (HttpEnvironmentProxy): entries separated by commas, trimmed; ".example.com"
    /// matches example.com and every name under it; any other entry matches exactly one host, compared with the
    /// address's host as Uri spells it (an IPv6 address in brackets, no port). "*", "example.com" for its
    /// subdomains, "host:port" and "::1" match nothing.
    /// </summary>
    internal static bool Bypassed(Uri target, string? noProxy)
    {
        if (string.IsNullOrWhiteSpace(noProxy)) return false;
        var host = target.Host;
        foreach (var raw in noProxy!.Split(','))
        {
            var entry = raw.Trim();
            if (entry.Length == 0) continue;
            if (entry[0] == '.')
            {
                if (string.Equals(entry.Substring(1), host, StringComparison.OrdinalIgnoreCase)
                    || host.EndsWith(entry, StringComparison.OrdinalIgnoreCase)) return true;
            }
            else if (string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static NetworkCredential? CredentialsOf(Uri proxy)
    {
        if (proxy.UserInfo.Length == 0) return null;
        var colon = proxy.UserInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon < 0 ? proxy.UserInfo : proxy.UserInfo.Substring(0, colon));
        var password = colon < 0 ? "" : Uri.UnescapeDataString(proxy.UserInfo.Substring(colon + 1));
        // "DOMAIN\user", as .NET splits it.
        var slash = user.IndexOf('\\');
        return slash > 0 ? new NetworkCredential(user.Substring(slash + 1), password, user.Substring(0, slash)) : new NetworkCredential(user, password);
    }

    private static Uri WithoutUserInfo(Uri address) =>
        address.UserInfo.Length == 0 ? address : new UriBuilder(address) { UserName = "", Password = "" }.Uri;

    /// <summary>The password of any value a proxy variable may hold, however it is spelled, read leniently: nothing here throws.</summary>
    private static void AddVariableSecrets(string? value, List<string> secrets, List<string> passwords)
    {
        if (string.IsNullOrEmpty(value)) return;
        var text = value!.Trim();
        var start = text.IndexOf("://", StringComparison.Ordinal);
        start = start < 0 ? 0 : start + 3;
        var at = text.LastIndexOf('@');
        if (at <= start) return;
        var auth = text.Substring(start, at - start);
        var colon = auth.IndexOf(':');
        if (colon < 0) return;
        var user = auth.Substring(0, colon);
        var password = auth.Substring(colon + 1);
        AddSecrets(SafeUnescape(user), SafeUnescape(password), secrets, passwords);
        if (password.Length > 0)
        {
            passwords.Add(password);
            passwords.Add(auth);
        }
    }

    private static void AddSecrets(string? user, string? password, List<string> secrets, List<string> passwords)
    {
        if (string.IsNullOrEmpty(password)) return;
        var encoded = Uri.EscapeDataString(password!);
        passwords.Add(password!);
        passwords.Add(encoded);
        passwords.Add(LowerHex(encoded));
        passwords.Add(System.Net.WebUtility.UrlEncode(password!));
        foreach (var name in new[] { user ?? "", UserPart(user) })
            secrets.Add(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name + ":" + password)));
    }

    private static string UserPart(string? user) => user is not null && user.IndexOf('\\') is var slash and > 0 ? user.Substring(slash + 1) : user ?? "";

    private static string LowerHex(string encoded)
    {
        var chars = encoded.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] != '%') continue;
            chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
            chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
        }
        return new string(chars);
    }

    private static string SafeUnescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return text;
        }
    }
}
