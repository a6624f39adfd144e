using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.TestProxy;

namespace ImpactActions.Framework.Tests;

/// <summary>Core on this runtime against the sandbox process, over real HTTP: what a Windows PowerShell user runs.</summary>
internal static class CoreChecks
{
    public static void RunListReadWriteWait(Harness harness, SandboxProcess sandbox)
    {
        harness.Run("lists a campaign's recent actions", async () =>
        {
            using var connection = Connect(sandbox);
            var listed = await Take(new ActionReader(new ImpactApiClient(connection)).ListAsync(new ActionQuery { CampaignId = 1000 }), 5);
            Check.Equal(5, listed.Count, "actions listed");
        });

        harness.Run("reads an action, its items and one item", async () =>
        {
            var (actionId, sku, _) = await Modifiable(sandbox, 0);
            using var connection = Connect(sandbox);
            var reader = new ActionReader(new ImpactApiClient(connection));
            Check.Equal(actionId, (await reader.GetAsync(actionId)).Id, "the action read");
            var items = await Take(reader.ListItemsAsync(actionId), 100);
            Check.True(items.Any(i => i.Sku == sku), "the items hold Sku " + sku);
            Check.Equal(sku, (await reader.GetItemAsync(actionId, sku)).Sku, "the item read");
        });

        harness.Run("writes a quantity, waits for its submission, and reads it applied", async () =>
        {
            var (actionId, sku, _) = await Modifiable(sandbox, 1);
            using var connection = Connect(sandbox);
            var client = new ImpactApiClient(connection);
            var host = new CollectingHost();
            using (var run = new ItemChangeRun(client, host))
            {
                await run.AddAsync(new ItemChangeInput { Row = 1, ActionId = actionId, Sku = sku, Quantity = "0" }, default);
                await run.CompleteAsync(default);
            }
            var queued = host.Results.Single();
            Check.Equal(RowStatus.Queued, queued.State, "the row after sending (" + queued.Message + ")");
            var waited = await new SubmissionWaiter(client) { FirstPoll = TimeSpan.FromMilliseconds(100) }.WaitAsync(new[] { queued.BatchId! }, TimeSpan.FromSeconds(60));
            Check.Equal(SubmissionWaitStatus.Complete, waited.Single().Status, "the submission");
            Check.Equal(0, (await new ActionReader(client).GetItemAsync(actionId, sku)).Quantity, "the item's quantity after the wait");
        });
    }

    public static void Run(Harness harness, SandboxProcess sandbox)
    {
        RunListReadWriteWait(harness, sandbox);

        harness.Run("TLS 1.2 and 1.3 are added to a legacy Ssl3 | Tls setting, which stays", () =>
        {
            var before = ServicePointManager.SecurityProtocol;
            try
            {
                ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;
                Connect(sandbox).Dispose();
                var now = ServicePointManager.SecurityProtocol;
                Check.True(now.HasFlag(SecurityProtocolType.Tls) && now.HasFlag(SecurityProtocolType.Tls12) && now.HasFlag((SecurityProtocolType)12288), "SecurityProtocol is " + now);
                ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                Connect(sandbox).Dispose();
                Check.Equal(SecurityProtocolType.SystemDefault, ServicePointManager.SecurityProtocol, "SystemDefault after connecting");
            }
            finally
            {
                ServicePointManager.SecurityProtocol = before;
            }
        });

        harness.Run("a refused connection is retried for a relative write and not reported OutcomeUnknown", async () =>
        {
            using var connection = Connect(sandbox, new Uri("http://127.0.0.1:" + LoopbackServer.UnusedPort()), maxRetries: 2);
            var e = await Check.ThrowsAsync<ImpactApiException>(() => new ImpactApiClient(connection).SendAsync(RelativeWrite(connection), default), "the write");
            Check.True(!e.OutcomeUnknown, "OutcomeUnknown: " + e.Message);
            Check.True(e.InnerException is not null && e.Message.IndexOf("refused", StringComparison.OrdinalIgnoreCase) >= 0, "the cause in: " + e.Message);
        });

        harness.Run("a failed TLS handshake is retried for a relative write and not reported OutcomeUnknown", async () =>
        {
            using var connection = Connect(sandbox, new UriBuilder(sandbox.BaseUri) { Scheme = "https" }.Uri, maxRetries: 1);
            var e = await Check.ThrowsAsync<ImpactApiException>(() => new ImpactApiClient(connection).SendAsync(RelativeWrite(connection), default), "the write");
            Check.True(!e.OutcomeUnknown, "OutcomeUnknown: " + e.Message);
            Check.True(e.Message.IndexOf("SSL", StringComparison.OrdinalIgnoreCase) >= 0, "the cause in: " + e.Message);
        });

        harness.Run("HTTP_PROXY is read on this runtime: the loopback sandbox through the proxy, no Expect: 100-continue", async () =>
        {
            using var proxy = new ForwardProxy();
            using var connection = Connect(sandbox, environment: Variables(("http_proxy", proxy.Address.ToString())));
            var client = new ImpactApiClient(connection);
            Check.Equal(2, (await Take(new ActionReader(client).ListAsync(new ActionQuery { CampaignId = 1000 }), 2)).Count, "actions listed");
            (await client.SendAsync(AbsoluteWrite(await Modifiable(sandbox, 2), connection), default)).Dispose();
            Check.True(proxy.Requests.Any(r => r.Method == "GET" && r.Target.StartsWith(sandbox.BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)), "the proxy saw the listing");
            var put = proxy.Requests.Single(r => r.Method == "PUT");
            Check.Equal(null, put.Header("Expect"), "Expect on the PUT");
        });

        harness.Run("a proxy's 407 names the proxy, its variable and -ProxyCredential", async () =>
        {
            using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
            using var connection = Connect(sandbox, environment: Variables(("http_proxy", proxy.Address.ToString())));
            var e = await Check.ThrowsAsync<ImpactApiException>(() => new ActionReader(new ImpactApiClient(connection)).GetAsync("1000.1.1"), "the read");
            Check.Equal(407, e.StatusCode, "status");
            Check.True(e.Message.Contains(proxy.Address.ToString()) && e.Message.Contains("http_proxy") && e.Message.Contains("-ProxyCredential"), "the message: " + e.Message);
        });

        harness.Run("HTTPS_PROXY with user:password answers the proxy and tunnels to a name only the proxy knows", async () =>
        {
            using var proxy = new ForwardProxy("proxyuser", "proxy-secret");
            proxy.Reroute["api.impact.test:443"] = "127.0.0.1:" + sandbox.BaseUri.Port;
            var address = "http://proxyuser:proxy-secret@127.0.0.1:" + proxy.Port;
            using var connection = Connect(sandbox, new Uri("https://api.impact.test"), maxRetries: 0, environment: Variables(("HTTPS_PROXY", address)));
            var e = await Check.ThrowsAsync<ImpactApiException>(() => new ActionReader(new ImpactApiClient(connection)).GetAsync("1000.1.1"), "the read");
            // The tunnel reached the sandbox's plain-HTTP port, so TLS fails there: past the proxy, before any request.
            Check.True(proxy.Requests.Any(r => r.Method == "CONNECT" && r.Target == "api.impact.test:443" && r.Authorized), "an authorized CONNECT: " + string.Join(", ", proxy.Requests));
            Check.True(e.StatusCode is null && !e.Message.Contains("proxy-secret"), "the message: " + e.Message);
        });

        harness.Run("an https:// -Proxy is refused at connect on this runtime", () =>
        {
            var e = Check.Throws<ImpactConfigurationException>(() => Connect(sandbox, proxy: new Uri("https://proxy.corp:8443")), "Connect");
            Check.True(e.Message.Contains("http://"), "the message: " + e.Message);
        });

        harness.Run("a listing whose answer stalls is read again and fails instead of hanging", async () =>
        {
            using var stalling = new StallingServer();
            using var connection = Connect(sandbox, stalling.BaseUri, maxRetries: 1, requestTimeout: TimeSpan.FromSeconds(1));
            var e = await Check.ThrowsAsync<ImpactApiException>(() => Take(new ActionReader(new ImpactApiClient(connection)).ListAsync(new ActionQuery { CampaignId = 1000 }), 10), "the listing");
            Check.True(e.Message.Contains("stalled"), "the message: " + e.Message);
            Check.Equal(2, stalling.RequestCount, "requests");
        });

        harness.Run("a connection that never completes is never left for a relative write, and bounded by the connect timeout", async () =>
        {
            using var full = new FullBacklogServer();
            using var connection = Connect(sandbox, new Uri("http://127.0.0.1:" + full.Port), maxRetries: 1, connectTimeout: TimeSpan.FromSeconds(1));
            var e = await Check.ThrowsAsync<ImpactApiException>(() => new ImpactApiClient(connection).SendAsync(RelativeWrite(connection), default), "the write");
            Check.True(!e.OutcomeUnknown && e.Message.Contains("No connection within 1 s"), "the failure: " + e.Message);
        });

        harness.Run("a TLS handshake that stalls is never left for a relative write", async () =>
        {
            using var silent = new SilentServer();
            using var connection = Connect(sandbox, new Uri("https://127.0.0.1:" + silent.Port), maxRetries: 0, connectTimeout: TimeSpan.FromSeconds(1));
            var e = await Check.ThrowsAsync<ImpactApiException>(() => new ImpactApiClient(connection).SendAsync(RelativeWrite(connection), default), "the write");
            Check.True(!e.OutcomeUnknown, "OutcomeUnknown: " + e.Message);
        });

        harness.Run("a proxy that closes on CONNECT without answering leaves a relative write never left", async () =>
        {
            using var proxy = new ForwardProxy { ConnectAnswer = "close" };
            using var connection = Connect(sandbox, new Uri("https://api.impact.test"), maxRetries: 0, connectTimeout: TimeSpan.FromSeconds(1), proxy: proxy.Address);
            var e = await Check.ThrowsAsync<ImpactApiException>(() => new ImpactApiClient(connection).SendAsync(RelativeWrite(connection), default), "the write");
            Check.True(!e.OutcomeUnknown, "OutcomeUnknown: " + e.Message);
        });

        harness.Run("more than two connections per host: the handler is asked for them, and three held pages leave room for a fourth request", async () =>
        {
            // .NET Framework's default is two connections per host: with two pages held open, a third request
            // would wait until it timed out.
            using var connection = Connect(sandbox, maxRetries: 0);
            // Mono's handler has no limit of its own, so the three held pages below pass either way; the setting
            // is what .NET Framework's HttpClientHandler turns into its ServicePoint's limit.
            Check.Equal(ImpactConnection.ConnectionsPerServer, (int)connection.HandlerSetting("MaxConnectionsPerServer")!, "connections per host asked of the handler");
            var reader = new ActionReader(new ImpactApiClient(connection));
            var open = new List<IAsyncEnumerator<ImpactActions.Core.Records.ImpactAction>>();
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    var cursor = reader.ListAsync(new ActionQuery { CampaignId = 1000 }).GetAsyncEnumerator();
                    open.Add(cursor);
                    Check.True(await cursor.MoveNextAsync(), "listing " + (i + 1) + " has a first action");
                }
                Check.True((await reader.GetAsync(open[0].Current.Id!)).Id is not null, "a fourth request was answered");
            }
            finally
            {
                foreach (var cursor in open) await cursor.DisposeAsync();
            }
        });
    }

    private static ImpactConnection Connect(SandboxProcess sandbox, Uri? baseUri = null, int maxRetries = 3, Func<string, string?>? environment = null,
        TimeSpan? requestTimeout = null, TimeSpan? connectTimeout = null, Uri? proxy = null)
    {
        var token = new SecureString();
        foreach (var c in sandbox.AuthToken) token.AppendChar(c);
        return ImpactConnection.Open(new ConnectionSettings
        {
            AccountSid = sandbox.AccountSid,
            AuthToken = token,
            BaseUri = baseUri ?? sandbox.BaseUri,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(15),
            Proxy = proxy,
        }, environment ?? (_ => null));
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    private static async Task<List<T>> Take<T>(IAsyncEnumerable<T> source, int count)
    {
        var taken = new List<T>();
        await foreach (var item in source)
        {
            taken.Add(item);
            if (taken.Count == count) break;
        }
        return taken;
    }

    /// <summary>An action the sandbox still lets a client change, and its first item, from its control endpoint.</summary>
    private static async Task<(string ActionId, string Sku, int Quantity)> Modifiable(SandboxProcess sandbox, int skip)
    {
        using var http = new HttpClient();
        var json = await http.GetStringAsync(new Uri(sandbox.BaseUri, "/_sandbox/actions?modifiable=true&take=" + (skip + 1)));
        var actions = Regex.Matches(json, "\"Id\":\"([^\"]+)\"[^\\[]*\"Items\":\\[\\{\"Sku\":\"([^\"]+)\",\"Quantity\":(\\d+)");
        var match = actions[skip];
        return (match.Groups[1].Value, match.Groups[2].Value, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static ApiRequest RelativeWrite(ImpactConnection connection) => new(HttpMethod.Put, connection.AccountPath + "/Actions", new[]
    {
        Field("ActionId", "1000.1.1"), Field("Reason", "ORDER_UPDATE"), Field("Sku", "1"), Field("Quantity", "1"), Field("ItemSubTotalDelta", "-1.00"),
    }) { Idempotent = false };

    private static ApiRequest AbsoluteWrite((string ActionId, string Sku, int Quantity) item, ImpactConnection connection) => new(HttpMethod.Put, connection.AccountPath + "/Actions", new[]
    {
        Field("ActionId", item.ActionId), Field("Reason", "ORDER_UPDATE"), Field("Sku", item.Sku), Field("Quantity", item.Quantity.ToString(CultureInfo.InvariantCulture)),
    });

    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);


    private sealed class CollectingHost : IWriteHost
    {
        public List<RowResult> Results { get; } = new();

        public System.Threading.Tasks.Task<SendDecision> ShouldSendAsync(string target, string operation) => System.Threading.Tasks.Task.FromResult(SendDecision.Send);

        public void Report(RowResult result)
        {
            lock (Results) Results.Add(result);
        }

        public void ReportError(RowResult result)
        {
        }

        public void Progress(WriteProgress progress)
        {
        }
    }
}
