using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.TestProxy;

/// <summary>What the proxy was asked, as it arrived.</summary>
public sealed class ProxiedRequest
{
    public ProxiedRequest(string method, string target, IReadOnlyList<KeyValuePair<string, string>> headers, bool authorized)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Authorized = authorized;
    }

    public string Method { get; }

    /// <summary>host:port for CONNECT, the absolute URI otherwise.</summary>
    public string Target { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Whether it carried the credentials the proxy asks for (always true when it asks none).</summary>
    public bool Authorized { get; }

    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public override string ToString() => $"{Method} {Target}";
}

/// <summary>
/// A forward HTTP proxy on a loopback port, for tests: CONNECT tunnels (HTTPS) and absolute-URI requests
/// (plain HTTP), with optional Basic proxy authentication that answers 407 without it. Each proxied
/// plain request takes one upstream connection, closed after its answer. <see cref="Reroute"/> sends a
/// CONNECT for a name that resolves nowhere to a local port, so a client can be sent to an https:// name
/// that only the proxy knows. Bounded: it serves until disposed, and only loopback.
/// </summary>
public sealed class ForwardProxy : LoopbackServer
{
    private readonly string? _expectedAuthorization;
    private readonly ConcurrentQueue<ProxiedRequest> _requests = new();

    public ForwardProxy(string? user = null, string? password = null)
    {
        if (user is not null) _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        Start();
    }

    public Uri Address => new("http://127.0.0.1:" + Port + "/");

    /// <summary>CONNECT targets ("host:port") to serve from another endpoint ("127.0.0.1:port").</summary>
    public ConcurrentDictionary<string, string> Reroute { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ProxiedRequest> Requests => _requests.ToList();

    /// <summary>
    /// How an (authorized) CONNECT is answered instead of tunnelling: a status line such as "502 Bad Gateway" or
    /// "403 Forbidden"; "close" closes the connection without a word; "silent" reads on and never answers.
    /// Null tunnels.
    /// </summary>
    public string? ConnectAnswer { get; set; }

    protected override async Task ServeAsync(NetworkStream stream)
    {
        while (!Stopping)
        {
            var head = await RequestHead.ReadAsync(stream).ConfigureAwait(false);
            if (head is null) return;
            var authorized = _expectedAuthorization is null || head.Header("Proxy-Authorization") == _expectedAuthorization;
            _requests.Enqueue(new ProxiedRequest(head.Method, head.Target, head.Headers, authorized));
            if (!authorized)
            {
                // The body, if any, is read and dropped, so the connection stays usable for the retry.
                await head.ReadBodyAsync(stream).ConfigureAwait(false);
                await WriteAsync(stream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test proxy\"\r\nContent-Length: 0\r\n\r\n").ConfigureAwait(false);
                continue;
            }
            if (head.Method == "CONNECT" && ConnectAnswer is { } answer)
            {
                if (answer == "close") return;
                if (answer == "silent")
                {
                    await Silence(stream).ConfigureAwait(false);
                    return;
                }
                await WriteAsync(stream, "HTTP/1.1 " + answer + "\r\nContent-Length: 0\r\n\r\n").ConfigureAwait(false);
                continue;
            }
            if (head.Method == "CONNECT") await TunnelAsync(stream, head.Target).ConfigureAwait(false);
            else await ForwardAsync(stream, head).ConfigureAwait(false);
            return;
        }
    }

    private async Task TunnelAsync(NetworkStream client, string target)
    {
        var (host, port) = Endpoint(Reroute.TryGetValue(target, out var rerouted) ? rerouted : target, 443);
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(host, port).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            await WriteAsync(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n").ConfigureAwait(false);
            return;
        }
        await WriteAsync(client, "HTTP/1.1 200 Connection Established\r\n\r\n").ConfigureAwait(false);
        var server = upstream.GetStream();
        var up = PumpAsync(client, server);
        var down = PumpAsync(server, client);
        await Task.WhenAny(up, down).ConfigureAwait(false);
    }

    private static async Task ForwardAsync(NetworkStream client, RequestHead head)
    {
        if (!Uri.TryCreate(head.Target, UriKind.Absolute, out var target) || target.Scheme != "http")
        {
            await WriteAsync(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
            return;
        }
        var body = await head.ReadBodyAsync(client).ConfigureAwait(false);
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(target.Host, target.Port).ConfigureAwait(false);
        var server = upstream.GetStream();
        var request = new StringBuilder();
        request.Append(head.Method).Append(' ').Append(target.PathAndQuery).Append(" HTTP/1.1\r\n");
        foreach (var header in head.Headers)
        {
            if (header.Key.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) || string.Equals(header.Key, "Connection", StringComparison.OrdinalIgnoreCase)) continue;
            request.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }
        request.Append("Connection: close\r\n\r\n");
        await WriteAsync(server, request.ToString()).ConfigureAwait(false);
        if (body.Length > 0) await server.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
        await PumpAsync(server, client).ConfigureAwait(false);
    }

    private static async Task PumpAsync(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                await to.WriteAsync(buffer, 0, read).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    private static (string Host, int Port) Endpoint(string hostAndPort, int defaultPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        if (colon <= 0 || hostAndPort.EndsWith("]", StringComparison.Ordinal)) return (hostAndPort.Trim('[', ']'), defaultPort);
        return (hostAndPort.Substring(0, colon).Trim('[', ']'), int.Parse(hostAndPort.Substring(colon + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task WriteAsync(Stream stream, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        return stream.WriteAsync(bytes, 0, bytes.Length);
    }

}
