using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ImpactActions.Core.Http;

/// <summary>
/// Reads a failure to send a request, in the shapes both runtimes give it: .NET wraps a SocketException
/// or an AuthenticationException in HttpRequestException (and names the stage in HttpRequestError);
/// .NET Framework wraps a WebException whose Status names it, often with no SocketException inside.
/// </summary>
internal static class TransportFailure
{
    /// <summary>
    /// Whether the failure proves the request never left this machine: the name did not resolve, the
    /// connection was not made, the TLS handshake failed, or the proxy refused the tunnel. The request is
    /// sent only after all of these, so even a relative change may be sent again.
    /// </summary>
    public static bool NeverLeft(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case RequestNotSentException:
                    return true;
                case SocketException socket when socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.TryAgain or SocketError.NoData or SocketError.NetworkUnreachable or SocketError.HostUnreachable
                    or SocketError.NetworkDown or SocketError.AddressNotAvailable:
                // .NET Framework (HttpWebRequest): the stages before the request is written. RequestCanceled (a timeout,
                // whenever it struck), ReceiveFailure, SendFailure, ConnectionClosed, KeepAliveFailure and PipelineFailure
                // say nothing of whether it left, and stay unknown.
                case WebException web when web.Status is WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure
                    or WebExceptionStatus.ConnectFailure or WebExceptionStatus.SecureChannelFailure or WebExceptionStatus.TrustFailure
                    or WebExceptionStatus.RequestProhibitedByProxy:
                case AuthenticationException:
                    return true;
                case HttpRequestException when RequestError(e) is "NameResolutionError" or "SecureConnectionError" or "ProxyTunnelError":
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// .NET's ConnectTimeout (SocketsHttpHandler) ended the attempt: an OperationCanceledException whose cause names
    /// it. Connecting, the TLS handshake and a proxy's tunnel come before anything of the request is written.
    /// </summary>
    public static bool ConnectTimedOut(Exception exception)
    {
        foreach (var e in Chain(exception))
            if (e is TimeoutException && e.Message.IndexOf("ConnectTimeout", StringComparison.OrdinalIgnoreCase) >= 0) return true;
        return false;
    }

    /// <summary>A proxy answered 407 to the tunnel (CONNECT) it was asked for.</summary>
    public static bool ProxyRefusedTunnel(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            if (e is WebException { Response: HttpWebResponse { StatusCode: HttpStatusCode.ProxyAuthenticationRequired } }) return true;
            if (e is HttpRequestException && (RequestError(e) is "ProxyTunnelError" || e.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0)
                && e.Message.IndexOf("407", StringComparison.Ordinal) >= 0) return true;
        }
        return false;
    }

    /// <summary>
    /// Every distinct message of the chain, outermost first: "An error occurred while sending the request"
    /// alone hides whether it was the name, the connection or TLS.
    /// </summary>
    public static string Describe(Exception exception)
    {
        var messages = new List<string>();
        foreach (var e in Chain(exception))
        {
            // ", see inner exception": the inner one is in this message.
            var message = e.Message.Replace(", see inner exception", "").Trim();
            if (message.Length == 0 || messages.Exists(m => m.IndexOf(message, StringComparison.Ordinal) >= 0)) continue;
            messages.Add(message);
        }
        if (messages.Count == 0) return exception.GetType().Name;
        if (messages.Count == 1) return messages[0];
        return messages[0].TrimEnd('.') + " (" + string.Join(" ", messages.GetRange(1, messages.Count - 1).ConvertAll(m => m.EndsWith(".", StringComparison.Ordinal) ? m : m + ".")) + ")";
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>HttpRequestException.HttpRequestError (.NET 8 and later), which netstandard2.0 cannot name.</summary>
    private static string? RequestError(Exception e) => e.GetType().GetProperty("HttpRequestError")?.GetValue(e)?.ToString();
}
