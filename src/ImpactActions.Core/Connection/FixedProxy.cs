using System;
using System.Net;

namespace ImpactActions.Core.Connection;

/// <summary>
/// Sends every request through one proxy, loopback addresses included. The runtime's own WebProxy
/// never proxies loopback; a user who names a proxy for a connection (or sets HTTPS_PROXY and leaves
/// the sandbox out of NO_PROXY) means it for every request of that connection.
/// </summary>
internal sealed class FixedProxy : IWebProxy
{
    private readonly Uri _address;

    public FixedProxy(Uri address, ICredentials? credentials)
    {
        _address = address;
        Credentials = credentials;
    }

    public ICredentials? Credentials { get; set; }

    public Uri GetProxy(Uri destination) => _address;

    public bool IsBypassed(Uri host) => false;
}
