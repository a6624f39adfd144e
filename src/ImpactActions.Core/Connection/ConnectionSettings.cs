using System;
using System.Net;
using System.Security;

namespace ImpactActions.Core.Connection;

/// <summary>What a caller asks for when connecting. Credentials may be left out to be resolved (<see cref="CredentialResolver"/>).</summary>
public sealed class ConnectionSettings
{
    public static readonly Uri DefaultBaseUri = new("https://api.impact.com");

    public string? AccountSid { get; set; }
    public SecureString? AuthToken { get; set; }
    public Uri BaseUri { get; set; } = DefaultBaseUri;

    /// <summary>Sent as IR-Version when set (brand versions 11–14).</summary>
    public int? ApiVersion { get; set; }

    /// <summary>
    /// Time for one attempt of one request, until its answer's headers; and, while a streamed answer is read, the
    /// longest wait for its next bytes.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Time for connecting, the TLS handshake and a proxy's tunnel, within <see cref="RequestTimeout"/>: a failure
    /// there proves the request never left, and should not cost a whole request's timeout per attempt.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    internal TimeSpan EffectiveConnectTimeout => ConnectTimeout > TimeSpan.Zero && ConnectTimeout < RequestTimeout ? ConnectTimeout : RequestTimeout;

    public int MaxRetries { get; set; } = 5;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest wait a Retry-After or an exhausted rate-limit window may impose before the request
    /// fails instead; an unattended run should not hang for an hour without saying so.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(65);

    /// <summary>
    /// The proxy every request goes through, a loopback BaseUri too. When null, the system proxy and
    /// HTTPS_PROXY, HTTP_PROXY and NO_PROXY decide (<see cref="ProxyPlan"/>).
    /// </summary>
    public Uri? Proxy { get; set; }

    /// <summary>What to answer a proxy that asks for credentials (407): the given proxy's, or the system's.</summary>
    public NetworkCredential? ProxyCredential { get; set; }

    /// <summary>Answer a proxy's 407 with the signed-in Windows user (NTLM or Kerberos).</summary>
    public bool ProxyUseDefaultCredentials { get; set; }
}
