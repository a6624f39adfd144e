using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Api;
using ImpactActions.Sandbox.Control;
using ImpactActions.Sandbox.Data;
using ImpactActions.Sandbox.Ledger;
using ImpactActions.Sandbox.Pipeline;
using ImpactActions.Sandbox.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImpactActions.Sandbox;

/// <summary>
/// A running sandbox on 127.0.0.1: the same object the command line starts and tests host in-process.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private BehaviourOptions _behaviour;

    private SandboxHost(WebApplication app, SandboxOptions options, ActionStore store, SandboxClock clock)
    {
        _app = app;
        _behaviour = options.Behaviour;
        Store = store;
        Clock = clock;
        AccountSid = options.AccountSid ?? DeriveSecret("IR", options.Data.Seed, "sid", 32);
        AuthToken = options.AuthToken ?? DeriveSecret("", options.Data.Seed, "token", 32);
        Queue = new SubmissionQueue(store, Ledger, clock, () => Behaviour, options.Data.Seed);
    }

    public Uri BaseUri { get; private set; } = null!;
    public string AccountSid { get; }
    public string AuthToken { get; }
    public ActionStore Store { get; }
    public SandboxClock Clock { get; }
    public ModificationLedger Ledger { get; } = new();
    public SubmissionQueue Queue { get; }
    public RequestLog Requests { get; } = new();

    /// <summary>Replace whole to change behaviour while running; requests read it once each.</summary>
    public BehaviourOptions Behaviour
    {
        get => Volatile.Read(ref _behaviour);
        set => Volatile.Write(ref _behaviour, value ?? throw new ArgumentNullException(nameof(value)));
    }

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellation = default)
    {
        var now = options.Data.Now ?? DateTimeOffset.UtcNow;
        var store = ActionGenerator.Generate(options.Data, now);
        var clock = new SandboxClock(store.GeneratedAt);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var sandbox = new SandboxHost(app, options, store, clock);
        sandbox.Map(app);
        await app.StartAsync(cancellation);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sandbox.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return sandbox;
    }

    private void Map(WebApplication app)
    {
        var pipeline = new ApiPipeline(this);
        app.Use((context, next) => pipeline.InvokeAsync(context, _ => next()));
        app.UseRouting();

        const string root = "/Advertisers/{sid}";
        app.MapGet(root + "/Actions", context => ActionEndpoints.ListAsync(context, this));
        app.MapMethods(root + "/Actions", WriteMethods, context => WriteEndpoints.HandleAsync(context, this));
        app.MapGet(root + "/Actions/{actionId}", context => ActionEndpoints.GetAsync(context, this, Route(context, "actionId")));
        app.MapGet(root + "/Actions/{actionId}/Items", context => ActionEndpoints.ListItemsAsync(context, this, Route(context, "actionId")));
        app.MapGet(root + "/Actions/{actionId}/Items/{sku}", context => ActionEndpoints.GetItemAsync(context, this, Route(context, "actionId"), Route(context, "sku")));
        app.MapGet(root + "/APISubmissions", context => SubmissionEndpoints.ListAsync(context, this));
        app.MapGet(root + "/APISubmissions/{batchId}", context => SubmissionEndpoints.GetAsync(context, this, Route(context, "batchId")));
        app.MapFallback("/Advertisers/{**rest}", context => ApiResponder.WriteErrorAsync(context, ApiError.NotFound("No such resource.")));

        SandboxControlEndpoints.Map(app, this);
    }

    private static readonly string[] WriteMethods = { "PUT", "DELETE", "POST" };

    private static string Route(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;

    /// <summary>The same AccountSID and AuthToken for the same seed, so a restarted sandbox keeps its credentials.</summary>
    private static string DeriveSecret(string prefix, int seed, string purpose, int length)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"impact-sandbox/{purpose}/{seed}"));
        var hex = Convert.ToHexString(hash);
        return string.Concat(prefix, hex.AsSpan(0, length - prefix.Length));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await Queue.DisposeAsync();
        await _app.DisposeAsync();
    }
}
