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
