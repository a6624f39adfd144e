using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;

namespace ImpactActions.Core.Connection;

/// <summary>
/// Which proxy a connection's requests take, decided once when it opens:
/// <list type="bullet">
/// <item>-Proxy (<see cref="ConnectionSettings.Proxy"/>): every request goes through it.</item>
/// <item>Otherwise HTTPS_PROXY (HTTP_PROXY for an http:// address, ALL_PROXY for either) unless NO_PROXY
/// names the host, as PowerShell 7's own runtime reads them. .NET Framework reads no variable, so the
/// plan reads them there; on .NET the runtime does.</item>
/// <item>Otherwise the system proxy (Internet Options, WinHTTP, a PAC script), or none.</item>
/// </list>
/// Credentials for a 407 come from ProxyCredential, the Windows sign-in, or the proxy variable's user:password.
/// </summary>
internal sealed class ProxyPlan
{
    private readonly Uri _baseUri;

    private ProxyPlan(Uri baseUri, IWebProxy? proxy, bool useProxy, ICredentials? defaultCredentials, string? source, Uri? address,
        IReadOnlyList<string> secrets)
    {
        _baseUri = baseUri;
        Proxy = proxy;
        UseProxy = useProxy;
        DefaultProxyCredentials = defaultCredentials;
        Source = source;
        Address = address;
        Secrets = secrets;
    }

    /// <summary>For HttpClientHandler.Proxy; null leaves the runtime's default proxy.</summary>
    public IWebProxy? Proxy { get; }

    /// <summary>False when NO_PROXY names the host: the request goes direct.</summary>
    public bool UseProxy { get; }

    /// <summary>For HttpClientHandler.DefaultProxyCredentials: what the runtime's default proxy is answered with.</summary>
    public ICredentials? DefaultProxyCredentials { get; }

    /// <summary>Where the proxy came from ("-Proxy", "HTTPS_PROXY"), or null for the system's.</summary>
    public string? Source { get; }

    /// <summary>The proxy's address without credentials, when the plan chose it.</summary>
    public Uri? Address { get; }

    public bool HasCredentials { get; private set; }

    /// <summary>A proxy password and its Basic form, for the redactor.</summary>
    public IReadOnlyList<string> Secrets { get; }

    public static ProxyPlan For(ConnectionSettings settings, Uri baseUri, Func<string, string?> environment) =>
        For(settings, baseUri, environment, readEnvironment: RuntimeFamily.IsFrameworkLike);

    internal static ProxyPlan For(ConnectionSettings settings, Uri baseUri, Func<string, string?> environment, bool readEnvironment)
    {
        if (settings.ProxyCredential is not null && settings.ProxyUseDefaultCredentials)
            throw new ImpactConfigurationException("Give either -ProxyCredential or -ProxyUseDefaultCredentials, not both.");
        ICredentials? given = settings.ProxyUseDefaultCredentials ? CredentialCache.DefaultCredentials : settings.ProxyCredential;
        var secrets = SecretsOf(settings.ProxyCredential);

        if (settings.Proxy is { } explicitProxy)
        {
            var address = CheckAddress(explicitProxy, "Proxy");
            return new ProxyPlan(baseUri, new FixedProxy(address, given), true, null, "-Proxy", address, secrets) { HasCredentials = given is not null };
        }

        if (readEnvironment && EnvironmentProxy(baseUri, environment) is { } variable)
        {
            if (variable.Address is null)
                return new ProxyPlan(baseUri, null, false, null, variable.Name, null, secrets);
            var credentials = given ?? variable.Credentials;
            return new ProxyPlan(baseUri, new FixedProxy(variable.Address, credentials), true, null, variable.Name, variable.Address,
                secrets.Concat(SecretsOf(variable.Credentials)).ToList()) { HasCredentials = credentials is not null };
        }

        return new ProxyPlan(baseUri, null, true, given, null, null, secrets) { HasCredentials = given is not null };
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

    private static Uri CheckAddress(Uri address, string parameter)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            throw new ImpactConfigurationException($"{parameter} must be an http:// address such as http://proxy.example.com:8080.");
        if (address.UserInfo.Length > 0)
            throw new ImpactConfigurationException($"{parameter} must not carry a user name or password: give them with -ProxyCredential.");
        return address;
    }

    private sealed class Variable
    {
        public Variable(string name, Uri? address, NetworkCredential? credentials)
        {
            Name = name;
            Address = address;
            Credentials = credentials;
        }

        public string Name { get; }

        /// <summary>Null when NO_PROXY names the host.</summary>
        public Uri? Address { get; }

        public NetworkCredential? Credentials { get; }
    }

    private static Variable? EnvironmentProxy(Uri target, Func<string, string?> environment)
    {
        var names = target.Scheme == Uri.UriSchemeHttps
            ? new[] { "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy" }
            : new[] { "http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy" };
        foreach (var name in names)
        {
            var value = environment(name)?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            if (!Uri.TryCreate(value!.Contains("://") ? value : "http://" + value, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttp)
                throw new ImpactConfigurationException($"{name} is not a proxy address ('{WithoutPassword(value)}'): set it to one such as http://proxy.example.com:8080, or pass -Proxy.");
            if (Bypassed(target, environment("NO_PROXY") ?? environment("no_proxy"))) return new Variable(name, null, null);
            NetworkCredential? credentials = null;
            if (parsed.UserInfo.Length > 0)
            {
                var colon = parsed.UserInfo.IndexOf(':');
                credentials = colon < 0
                    ? new NetworkCredential(Uri.UnescapeDataString(parsed.UserInfo), "")
                    : new NetworkCredential(Uri.UnescapeDataString(parsed.UserInfo.Substring(0, colon)), Uri.UnescapeDataString(parsed.UserInfo.Substring(colon + 1)));
            }
            return new Variable(name, WithoutUserInfo(parsed), credentials);
        }
        return null;
    }

    /// <summary>NO_PROXY: comma-separated hosts or domain suffixes (".example.com" or "example.com"), "*" for every host.</summary>
    internal static bool Bypassed(Uri target, string? noProxy)
    {
        if (string.IsNullOrWhiteSpace(noProxy)) return false;
        var host = target.IdnHost.Trim('[', ']');
        foreach (var raw in noProxy!.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = raw.Trim();
            if (entry == "*") return true;
            if (entry.StartsWith("[", StringComparison.Ordinal)) entry = entry.Substring(1, Math.Max(0, entry.IndexOf(']') - 1));
            else if (entry.Count(c => c == ':') == 1) entry = entry.Substring(0, entry.IndexOf(':'));
            entry = entry.TrimStart('*').TrimStart('.');
            if (entry.Length == 0) continue;
            if (string.Equals(host, entry, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + entry, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static Uri WithoutUserInfo(Uri address) =>
        address.UserInfo.Length == 0 ? address : new UriBuilder(address) { UserName = "", Password = "" }.Uri;

    private static string WithoutPassword(string value)
    {
        var at = value.LastIndexOf('@');
        if (at < 0) return value;
        var start = value.IndexOf("://", StringComparison.Ordinal);
        return (start < 0 ? "" : value.Substring(0, start + 3)) + Logging.Redactor.Mask + value.Substring(at);
    }

    private static IReadOnlyList<string> SecretsOf(NetworkCredential? credential)
    {
        if (credential is null || string.IsNullOrEmpty(credential.Password)) return Array.Empty<string>();
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password));
        return new[] { credential.Password, basic, Uri.EscapeDataString(credential.Password) };
    }
}
