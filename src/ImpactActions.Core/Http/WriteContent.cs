using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.Core.Http;

/// <summary>
/// A request's form body that knows whether the runtime has asked for it. Every runtime asks for the body only
/// once the connection, the TLS handshake and any proxy tunnel are in place, and a server cannot act on a PUT or
/// DELETE whose body it never received: a failure before the body was asked for proves the request never left.
/// </summary>
internal sealed class WriteContent : HttpContent
{
    private readonly byte[] _body;
    private int _started;

    public WriteContent(string body)
    {
        _body = Encoding.UTF8.GetBytes(body);
        Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
    }

    /// <summary>Whether the runtime has begun to write the body (from then on, the request may have reached the API).</summary>
    public bool Started => Volatile.Read(ref _started) != 0;

    /// <summary>Called once, when the runtime first asks for the body.</summary>
    public System.Action? OnStarted { get; set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0) OnStarted?.Invoke();
        return stream.WriteAsync(_body, 0, _body.Length);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}

/// <summary>
/// A request that failed before its body was asked for (<see cref="WriteContent"/>), or before anything was
/// sent: it never left, so even a relative change may be sent again.
/// </summary>
internal sealed class RequestNotSentException : IOException
{
    public RequestNotSentException(string message, System.Exception? inner = null, bool retryable = true) : base(message, inner) => Retryable = retryable;

    /// <summary>False for a failure that another attempt cannot change (a setting the runtime does not support).</summary>
    public bool Retryable { get; }
}

