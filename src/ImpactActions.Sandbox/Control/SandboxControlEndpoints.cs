using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImpactActions.Sandbox.Control;

/// <summary>
/// /_sandbox: outside the API, no authentication, never faulted or rate-limited. What end-to-end
/// tests, the demo and benchmarks read to prove effects and steer behaviour. No secret is served here.
/// </summary>
public static class SandboxControlEndpoints
{
    // PascalCase like the API itself; reading is case-insensitive for hand-written bodies.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>For bodies that change behaviour: a member the sandbox does not know is an error, not a silent no-op.</summary>
    private static readonly JsonSerializerOptions Strict = new(Json) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static void Map(WebApplication app, SandboxHost sandbox)
    {
        app.MapGet("/_sandbox/info", () => Results.Json(new
        {
            BaseUri = sandbox.BaseUri.ToString(),
            sandbox.AccountSid,
            Actions = sandbox.Store.Count,
            Campaigns = sandbox.Store.Campaigns.Select(c => new { c.Id, c.Name, c.PayoutRate, Trackers = c.Trackers.Select(t => t.Id) }),
            GeneratedAt = sandbox.Store.GeneratedAt,
            Now = sandbox.Clock.Now,
        }, Json));

        app.MapGet("/_sandbox/ledger", (string? actionId, string? batchId, long? after) =>
            Results.Json(sandbox.Ledger.Entries(actionId, batchId, after ?? 0), Json));

        app.MapGet("/_sandbox/requests", (long? after) =>
            Results.Json(new { Count = sandbox.Requests.Count, Entries = sandbox.Requests.Since(after ?? 0) }, Json));

        app.MapGet("/_sandbox/actions", (int? campaignId, string? state, bool? modifiable, int? take) =>
        {
            var now = sandbox.Clock.Now;
            var found = sandbox.Store.All()
                .Where(a => campaignId is null || a.Campaign.Id == campaignId)
                .Where(a => state is null || a.State.ToString() == state)
                .Where(a => modifiable is null || modifiable == (!a.IsLockedAt(now) && a.State != ActionState.REVERSED))
                .Take(Math.Clamp(take ?? 100, 1, 100_000))
                .Select(a => new
                {
                    a.Id, CampaignId = a.Campaign.Id, ActionTrackerId = a.Tracker.Id, a.Oid, State = a.State.ToString(),
                    a.Amount, a.Payout, a.CreationDate, a.EventDate, a.LockingDate, a.LastUpdated, a.Modifications,
                    Items = a.Items.Select(i => new { i.Sku, i.Quantity, i.SaleAmount, i.Payout }),
                });
            return Results.Json(found, Json);
        });

        app.MapPost("/_sandbox/queue/drain", async (int? timeoutSeconds, HttpContext context) =>
        {
            var idle = await sandbox.Queue.WhenIdleAsync(TimeSpan.FromSeconds(timeoutSeconds ?? 60), context.RequestAborted);
            return idle ? Results.Json(new { Pending = 0 }, Json) : Results.Json(new { Pending = sandbox.Queue.PendingCount }, Json, statusCode: 504);
        });

        app.MapGet("/_sandbox/behaviour", () => Results.Json(BehaviourUpdate.Of(sandbox.Behaviour), Json));

        app.MapPut("/_sandbox/behaviour", async (HttpContext context) =>
        {
            BehaviourUpdate? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<BehaviourUpdate>(context.Request.Body, Strict, context.RequestAborted);
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new { Message = e.Message });
            }
            if (update is null) return Results.BadRequest(new { Message = "A JSON object is required." });
            sandbox.Behaviour = update.ApplyTo(sandbox.Behaviour);
            return Results.Json(BehaviourUpdate.Of(sandbox.Behaviour), Json);
        });
    }
}
