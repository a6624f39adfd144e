using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.TestProxy;

/// <summary>
/// Answers every request with 200, its headers and the start of a JSON page (a Content-Length far beyond it),
/// then goes silent until disposed: a listing's answer that stalls.
/// </summary>
public sealed class StallingServer : LoopbackServer
{
    private int _requests;

    public StallingServer() => Start();

    public Uri BaseUri => new("http://127.0.0.1:" + Port);

    public int RequestCount => Volatile.Read(ref _requests);

    protected override async Task ServeAsync(NetworkStream stream)
    {
        var head = await RequestHead.ReadAsync(stream).ConfigureAwait(false);
        if (head is null) return;
        Interlocked.Increment(ref _requests);
        var body = "{\"@page\":\"1\",\"@numpages\":\"1\",\"@pagesize\":\"2000\",\"Actions\":[{\"Id\":\"1000.1.1\",\"CampaignId\":\"1000\"},{\"Id\":\"1000.1.2\",";
        var bytes = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n" + body);
        await stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
        await Silence(stream).ConfigureAwait(false);
    }
}

/// <summary>
/// Accepts connections and reads what comes, answering nothing: a TLS handshake to it stalls, and so does a
/// request after it was written.
/// </summary>
public sealed class SilentServer : LoopbackServer
{
    private int _connections;

    public SilentServer() => Start();

    public int Connections => Volatile.Read(ref _connections);

    protected override Task ServeAsync(NetworkStream stream)
    {
        Interlocked.Increment(ref _connections);
        return Silence(stream);
    }
}

/// <summary>
/// A listening port whose accept queue is full and never drained: the kernel drops further SYNs, so a new
/// connection never completes (what a server under a SYN flood, or a dropping firewall, looks like). Loopback only.
/// </summary>
public sealed class FullBacklogServer : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = new();

    public FullBacklogServer()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        // Linux queues backlog + 1 completed connections; a few more are started so the queue stays full. Those
        // connects never complete either; they are closed with the server.
        for (var i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try
            {
                filler.Connect(new IPEndPoint(IPAddress.Loopback, Port));
            }
            catch (SocketException)
            {
                // In progress (EINPROGRESS), or dropped: either fills the queue.
            }
            _fillers.Add(filler);
        }
    }

    public int Port { get; }

    public void Dispose()
    {
        foreach (var filler in _fillers) filler.Dispose();
        _listener.Dispose();
    }
}
