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

/// <summary>
/// An HTTP server on a loopback port that gives every request the same answer (a redirect, say) and
/// records what it was asked. For tests of how a client treats answers the sandbox never gives.
/// </summary>
public sealed class FixedAnswerServer : LoopbackServer
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly byte[] _answer;

    /// <param name="answer">The status line and headers, without Content-Length and the closing blank line.</param>
    public FixedAnswerServer(string answer, string body = "")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        _answer = Encoding.ASCII.GetBytes(answer.TrimEnd() + "\r\nContent-Length: " + bytes.Length + "\r\nConnection: close\r\n\r\n").Concat(bytes).ToArray();
        Start();
    }

    public Uri BaseUri => new("http://127.0.0.1:" + Port + "/");

    /// <summary>"METHOD target" of each request, as received.</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    protected override async Task ServeAsync(NetworkStream stream)
    {
        var head = await RequestHead.ReadAsync(stream).ConfigureAwait(false);
        if (head is null) return;
        await head.ReadBodyAsync(stream).ConfigureAwait(false);
        _requests.Enqueue(head.Method + " " + head.Target);
        await stream.WriteAsync(_answer, 0, _answer.Length).ConfigureAwait(false);
    }
}
