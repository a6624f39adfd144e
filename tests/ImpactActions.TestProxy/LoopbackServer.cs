using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.TestProxy;

/// <summary>A TCP server on a free loopback port that serves each connection on its own task until disposed.</summary>
public abstract class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    protected LoopbackServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>A loopback port nothing listens on (it was free a moment ago), for a connection that must be refused.</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    protected bool Stopping => _stop.IsCancellationRequested;

    /// <summary>Reads and drops whatever the client sends, answering nothing, until it goes away or the server stops.</summary>
    protected async Task Silence(NetworkStream stream)
    {
        var buffer = new byte[4096];
        using var stopped = _stop.Token.Register(stream.Dispose);
        while (!Stopping && await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false) > 0)
        {
        }
    }

    /// <summary>Starts accepting; called by the subclass once its own fields are set.</summary>
    protected void Start() => _ = AcceptAsync();

    /// <summary>Serves one connection; the client is disposed after.</summary>
    protected abstract Task ServeAsync(NetworkStream stream);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await ServeAsync(client.GetStream()).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is System.IO.IOException or SocketException or ObjectDisposedException or System.IO.InvalidDataException)
                    {
                        // The other side went away; a test reads what the server recorded, not this.
                    }
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        GC.SuppressFinalize(this);
    }
}
