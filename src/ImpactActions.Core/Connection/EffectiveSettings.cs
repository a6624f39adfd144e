using System;

namespace ImpactActions.Core.Connection;

/// <summary>
/// The settings an open connection works by, fixed when it opened: changing one would change every later request of a
/// connection users hand around, and the HttpClient's timeout and handler could not follow anyway. Without the token or
/// proxy credentials. Times are in seconds, as Connect-ImpactAccount takes them, so ConvertTo-Json writes numbers.
/// </summary>
public sealed class EffectiveSettings
{
    internal EffectiveSettings(ConnectionSettings given)
    {
        ApiVersion = given.ApiVersion;
        RequestTimeout = given.RequestTimeout;
        ConnectTimeout = given.EffectiveConnectTimeout;
        MaxRetries = given.MaxRetries;
        RetryBaseDelay = given.RetryBaseDelay;
        MaxRetryDelay = given.MaxRetryDelay;
        MaxRateLimitWait = given.MaxRateLimitWait;
        Proxy = given.Proxy;
        ProxyUseDefaultCredentials = given.ProxyUseDefaultCredentials;
    }

    public int? ApiVersion { get; }
    public double TimeoutSeconds => RequestTimeout.TotalSeconds;
    public double ConnectTimeoutSeconds => ConnectTimeout.TotalSeconds;
    public int MaxRetries { get; }
    public double MaxRateLimitWaitSeconds => MaxRateLimitWait.TotalSeconds;
    public Uri? Proxy { get; }
    public bool ProxyUseDefaultCredentials { get; }

    /// <summary><see cref="ConnectionSettings.RequestTimeout"/>.</summary>
    internal TimeSpan RequestTimeout { get; }

    /// <summary>The bound on connecting, the TLS handshake and a proxy's tunnel: never longer than <see cref="RequestTimeout"/>.</summary>
    internal TimeSpan ConnectTimeout { get; }

    internal TimeSpan RetryBaseDelay { get; }
    internal TimeSpan MaxRetryDelay { get; }
    internal TimeSpan MaxRateLimitWait { get; }

    /// <summary>The settings in one line, as a connection's view shows them.</summary>
    public override string ToString() => string.Format(System.Globalization.CultureInfo.InvariantCulture,
        "TimeoutSeconds={0}; ConnectTimeoutSeconds={1}; MaxRetries={2}; MaxRateLimitWaitSeconds={3}{4}{5}",
        TimeoutSeconds, ConnectTimeoutSeconds, MaxRetries, MaxRateLimitWaitSeconds,
        ApiVersion is { } v ? "; ApiVersion=" + v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "", Proxy is { } p ? "; Proxy=" + p : "");
}
