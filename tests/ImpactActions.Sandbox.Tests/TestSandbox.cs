using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Data;

namespace ImpactActions.Sandbox.Tests;

/// <summary>A sandbox hosted in this process on a free loopback port, with a client that talks to it over real HTTP.</summary>
public sealed class TestSandbox : IAsyncDisposable
{
    /// <summary>A fixed "now" so every date in the data is the same on every run.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private TestSandbox(SandboxHost host)
    {
        Host = host;
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = host.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{host.AccountSid}:{host.AuthToken}")));
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public SandboxHost Host { get; }
    public HttpClient Http { get; }
    public string Root => $"/Advertisers/{Host.AccountSid}";

    public static async Task<TestSandbox> StartAsync(int actions = 400, int spanDays = 60, Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions
        {
            Port = 0,
            Data = new DataOptions { Actions = actions, SpanDays = spanDays, Seed = 7, Now = Now },
            Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.Zero },
        };
        configure?.Invoke(options);
        return new TestSandbox(await SandboxHost.StartAsync(options));
    }

    /// <summary>An action the API still lets a client change: not locked, not reversed.</summary>
    public ActionRecord Modifiable(int skip = 0, Func<ActionRecord, bool>? where = null) =>
        Host.Store.All().Where(a => !a.IsLockedAt(Host.Clock.Now) && a.State != ActionState.REVERSED && (where?.Invoke(a) ?? true)).Skip(skip).First();

    public async Task<Answer> GetAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(pathAndQuery);
        return await Answer.ReadAsync(response);
    }

    public Task<Answer> PutAsync(params (string Key, string Value)[] form) => SendFormAsync(HttpMethod.Put, form);

    public Task<Answer> DeleteAsync(params (string Key, string Value)[] form) => SendFormAsync(HttpMethod.Delete, form);

    public async Task<Answer> SendFormAsync(HttpMethod method, params (string Key, string Value)[] form)
    {
        using var request = new HttpRequestMessage(method, Root + "/Actions")
        {
            Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        using var response = await Http.SendAsync(request);
        return await Answer.ReadAsync(response);
    }

    /// <summary>Sends a write, waits for the queue to apply it, and returns the completed submission.</summary>
    public async Task<JsonElement> ApplyAsync(HttpMethod method, params (string Key, string Value)[] form)
    {
        var receipt = await SendFormAsync(method, form);
        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.True(await Host.Queue.WhenIdleAsync(TimeSpan.FromSeconds(30), default));
        var submission = await GetAsync(receipt.Json.GetProperty("QueuedUri").GetString()!);
        Assert.Equal(HttpStatusCode.OK, submission.Status);
        return submission.Json;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>A response read whole: status, headers and, when it is JSON, the document.</summary>
public sealed class Answer
{
    public required HttpStatusCode Status { get; init; }
    public required string Body { get; init; }
    public required string ContentType { get; init; }
    public required HttpResponseHeaders Headers { get; init; }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Header(string name) => Headers.TryGetValues(name, out var values) ? values.First() : "";

    public static async Task<Answer> ReadAsync(HttpResponseMessage response) => new()
    {
        Status = response.StatusCode,
        Body = await response.Content.ReadAsStringAsync(),
        ContentType = response.Content.Headers.ContentType?.MediaType ?? "",
        Headers = response.Headers,
    };

    /// <summary>Asserts the API's ERROR envelope with a field error naming <paramref name="field"/>.</summary>
    public void AssertFieldError(string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, Status);
        Assert.Equal("ERROR", Json.GetProperty("Status").GetString());
        var fields = Json.GetProperty("Errors").EnumerateArray().Select(e => e.GetProperty("Field").GetString()).ToList();
        Assert.Contains(field, fields);
    }
}

/// <summary>One read-only sandbox shared by a test class: 3,000 actions over three years.</summary>
public sealed class SharedSandbox : IAsyncLifetime
{
    public TestSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await TestSandbox.StartAsync(actions: 3000, spanDays: 1095);

    public Task DisposeAsync() => Sandbox.DisposeAsync().AsTask();
}
