using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Http;
using ImpactActions.TestProxy;

namespace ImpactActions.Core.Tests;

/// <summary>
/// A failure that proves the request never left (no name, no connection, no TLS) is retried even for a
/// relative write and never reported OutcomeUnknown; every failure keeps its cause in the message.
/// </summary>
public sealed class TransportFailureTests
{
    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    private static ApiRequest RelativeWrite(ImpactApiClient client) => new(HttpMethod.Put, client.Path("Actions"), new[]
    {
        Field("ActionId", "1000.1.1"), Field("Reason", "ORDER_UPDATE"), Field("Sku", "1"), Field("Quantity", "1"), Field("ItemSubTotalDelta", "-1.00"),
    }) { Idempotent = false };


    [Fact]
    public async Task A_refused_connection_is_retried_for_a_relative_write_and_its_cause_is_in_the_message()
    {
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s =>
        {
            s.BaseUri = new Uri("http://127.0.0.1:" + LoopbackServer.UnusedPort());
            s.MaxRetries = 2;
        });
        var client = sandbox.Client();

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => client.SendAsync(RelativeWrite(client), default));

        Assert.False(e.OutcomeUnknown);
        Assert.Equal(2, sandbox.Log.Lines.Count(l => l.Contains("Retrying PUT")));
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Contains("refused", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_failed_TLS_handshake_is_retried_for_a_relative_write_and_reaches_no_handler()
    {
        // https:// to the sandbox's plain-HTTP port: the handshake fails before a request is written.
        await using var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s =>
        {
            s.BaseUri = new UriBuilder(s.BaseUri) { Scheme = "https" }.Uri;
            s.MaxRetries = 2;
        });
        var client = sandbox.Client();

        var e = await Assert.ThrowsAsync<ImpactApiException>(() => client.SendAsync(RelativeWrite(client), default));

        Assert.False(e.OutcomeUnknown);
        Assert.Equal(2, sandbox.Log.Lines.Count(l => l.Contains("Retrying PUT")));
        Assert.Contains("SSL", e.Message);
        Assert.DoesNotContain(sandbox.Host.Requests.Since(0), r => r.Method == "PUT");
    }

    public static IEnumerable<object[]> NeverLeftShapes() => new[]
    {
        // .NET Framework: a DNS failure is a WebException with no SocketException inside.
        new object[] { "Framework DNS", new HttpRequestException("An error occurred while sending the request.", new WebException("The remote name could not be resolved: 'api.impact.com'", WebExceptionStatus.NameResolutionFailure)) },
        new object[] { "Framework connect", new HttpRequestException("An error occurred while sending the request.", new WebException("Unable to connect to the remote server", WebExceptionStatus.ConnectFailure)) },
        new object[] { "Framework TLS", new HttpRequestException("An error occurred while sending the request.", new WebException("The request was aborted: Could not create SSL/TLS secure channel.", WebExceptionStatus.SecureChannelFailure)) },
        new object[] { "Framework proxy name", new HttpRequestException("An error occurred while sending the request.", new WebException("The proxy name could not be resolved: 'proxy.corp'", WebExceptionStatus.ProxyNameResolutionFailure)) },
        new object[] { "Framework trust", new HttpRequestException("An error occurred while sending the request.", new WebException("Could not establish trust relationship for the SSL/TLS secure channel.", WebExceptionStatus.TrustFailure)) },
        new object[] { "Framework connect timeout", new HttpRequestException("An error occurred while sending the request.", new WebException("Unable to connect to the remote server", new SocketException((int)SocketError.TimedOut), WebExceptionStatus.ConnectFailure, null)) },
        new object[] { "Framework prohibited by proxy", new HttpRequestException("An error occurred while sending the request.", new WebException("This request was not permitted by the proxy.", WebExceptionStatus.RequestProhibitedByProxy)) },
        new object[] { "body never asked for", new RequestNotSentException("No connection within 15 s: the request was not sent.", new TaskCanceledException()) },
        new object[] { ".NET DNS", new HttpRequestException("Name or service not known (api.impact.com:443)", new SocketException((int)SocketError.HostNotFound)) },
        new object[] { ".NET TLS", new HttpRequestException("The SSL connection could not be established, see inner exception.", new AuthenticationException("Authentication failed")) },
    };

    [Theory]
    [MemberData(nameof(NeverLeftShapes))]
    public void Failures_before_the_request_is_written_are_read_as_never_left(string shape, Exception failure) =>
        Assert.True(TransportFailure.NeverLeft(failure), shape);

    [Fact]
    public void A_connection_lost_after_sending_is_not_read_as_never_left()
    {
        Assert.False(TransportFailure.NeverLeft(new HttpRequestException("Error", new IOException("Connection reset", new SocketException((int)SocketError.ConnectionReset)))));
        Assert.False(TransportFailure.NeverLeft(new HttpRequestException("Error", new WebException("The underlying connection was closed", WebExceptionStatus.ReceiveFailure))));
        Assert.False(TransportFailure.NeverLeft(new TimeoutException("No answer within 100 s.")));
    }

    /// <summary>
    /// .NET Framework's shapes after the request may have been written (HttpWebRequest's WebExceptionStatus), which
    /// only Windows PowerShell 5.1 produces: Mono's handler is SocketsHttpHandler and never gives them.
    /// </summary>
    [Theory]
    [InlineData(WebExceptionStatus.RequestCanceled, "The request was aborted: The request was canceled.")]
    [InlineData(WebExceptionStatus.ReceiveFailure, "The underlying connection was closed: An unexpected error occurred on a receive.")]
    [InlineData(WebExceptionStatus.SendFailure, "The underlying connection was closed: An unexpected error occurred on a send.")]
    [InlineData(WebExceptionStatus.ConnectionClosed, "The underlying connection was closed: The connection was closed unexpectedly.")]
    [InlineData(WebExceptionStatus.KeepAliveFailure, "The underlying connection was closed: A connection that was expected to be kept alive was closed by the server.")]
    [InlineData(WebExceptionStatus.PipelineFailure, "The underlying connection was closed: pipeline failure.")]
    [InlineData(WebExceptionStatus.Timeout, "The operation has timed out.")]
    [InlineData(WebExceptionStatus.ProtocolError, "The remote server returned an error: (502) Bad Gateway.")]
    public void Framework_failures_that_may_come_after_the_request_was_written_stay_unknown(WebExceptionStatus status, string message)
    {
        var failure = new HttpRequestException("An error occurred while sending the request.", new WebException(message, status));
        Assert.False(TransportFailure.NeverLeft(failure));
        Assert.Equal("An error occurred while sending the request (" + message + ")", TransportFailure.Describe(failure));
    }

    private static ApiRequest RelativeWriteTo(ImpactApiClient client) => RelativeWrite(client);

    /// <summary>A failure before anything of the write was sent, each from a real server: never OutcomeUnknown, retried, and bounded by ConnectTimeout.</summary>
    private static async Task<(ImpactApiException Error, CoreSandbox Sandbox)> WriteAgainst(Uri baseUri, Uri? proxy = null)
    {
        var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s =>
        {
            s.BaseUri = baseUri;
            s.Proxy = proxy;
            s.MaxRetries = 1;
            s.ConnectTimeout = TimeSpan.FromSeconds(1);
            s.RequestTimeout = TimeSpan.FromSeconds(60);
        });
        var client = sandbox.Client();
        var e = await Assert.ThrowsAsync<ImpactApiException>(() => client.SendAsync(RelativeWriteTo(client), default));
        return (e, sandbox);
    }

    [Fact]
    public async Task A_connection_that_never_completes_is_never_left_retried_and_bounded_by_the_connect_timeout()
    {
        using var full = new FullBacklogServer();
        var (e, sandbox) = await WriteAgainst(new Uri("http://127.0.0.1:" + full.Port));
        await using (sandbox)
        {
            Assert.False(e.OutcomeUnknown, e.Message);
            Assert.Contains("No connection within 1 s", e.Message);
            Assert.Equal(1, sandbox.Log.Lines.Count(l => l.Contains("Retrying PUT")));
        }
    }

    [Fact]
    public async Task A_TLS_handshake_that_stalls_is_never_left()
    {
        using var silent = new SilentServer();
        var (e, sandbox) = await WriteAgainst(new Uri("https://127.0.0.1:" + silent.Port));
        await using (sandbox)
        {
            Assert.False(e.OutcomeUnknown, e.Message);
            Assert.Contains("No connection within 1 s", e.Message);
            Assert.Equal(2, silent.Connections);
        }
    }

    [Theory]
    [InlineData("close")]
    [InlineData("silent")]
    [InlineData("502 Bad Gateway")]
    [InlineData("403 Forbidden")]
    public async Task A_proxy_that_does_not_open_the_tunnel_leaves_the_write_never_left(string answer)
    {
        using var proxy = new ForwardProxy { ConnectAnswer = answer };
        var (e, sandbox) = await WriteAgainst(new Uri("https://api.impact.test"), proxy.Address);
        await using (sandbox)
        {
            Assert.False(e.OutcomeUnknown, e.Message);
            Assert.Null(e.StatusCode);
            Assert.Contains(proxy.Requests, r => r.Method == "CONNECT");
        }
    }

    [Fact]
    public async Task A_timeout_after_the_request_was_written_stays_unknown()
    {
        // The control: the connection is made and the write goes out; the server says nothing.
        using var silent = new SilentServer();
        var sandbox = await CoreSandbox.StartAsync(actions: 10, connect: s =>
        {
            s.BaseUri = new Uri("http://127.0.0.1:" + silent.Port);
            s.MaxRetries = 1;
            s.ConnectTimeout = TimeSpan.FromSeconds(1);
            s.RequestTimeout = TimeSpan.FromSeconds(2);
        });
        await using (sandbox)
        {
            var client = sandbox.Client();
            var e = await Assert.ThrowsAsync<ImpactApiException>(() => client.SendAsync(RelativeWrite(client), default));
            Assert.True(e.OutcomeUnknown, e.Message);
            Assert.Equal(1, silent.Connections);
        }
    }

    [Fact]
    public void The_message_keeps_every_cause_once()
    {
        var failure = new HttpRequestException("An error occurred while sending the request.",
            new WebException("The request was aborted: Could not create SSL/TLS secure channel.", WebExceptionStatus.SecureChannelFailure));
        Assert.Equal("An error occurred while sending the request (The request was aborted: Could not create SSL/TLS secure channel.)", TransportFailure.Describe(failure));
    }

    [Fact]
    public void TLS_1_2_and_1_3_are_added_to_a_legacy_setting_and_a_system_default_is_kept()
    {
        const SecurityProtocolType legacy = (SecurityProtocolType)(48 | 192); // Ssl3 | Tls
        var modern = FrameworkTls.WithModernVersions(legacy, runtimeKnowsTls13: true);
        Assert.Equal(legacy, modern & legacy);
        Assert.True(modern.HasFlag((SecurityProtocolType)3072));
        Assert.True(modern.HasFlag((SecurityProtocolType)12288));
        Assert.False(FrameworkTls.WithModernVersions(legacy, runtimeKnowsTls13: false).HasFlag((SecurityProtocolType)12288));
        Assert.Equal((SecurityProtocolType)0, FrameworkTls.WithModernVersions(0, runtimeKnowsTls13: true));
    }
}
