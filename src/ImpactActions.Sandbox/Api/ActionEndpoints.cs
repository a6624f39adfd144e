using System.Collections.Generic;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Data;
using ImpactActions.Sandbox.Wire;
using Microsoft.AspNetCore.Http;

namespace ImpactActions.Sandbox.Api;

/// <summary>GET /Actions, /Actions/{ActionId}, /Actions/{ActionId}/Items and /Items/{Sku}.</summary>
public static class ActionEndpoints
{
    public static async Task ListAsync(HttpContext context, SandboxHost sandbox)
    {
        var now = sandbox.Clock.Now;
        var (query, error) = ListQuery.Parse(context.Request.Query, now, sandbox.Behaviour.Quirks.ReversedAsRejected);
        if (error is not null)
        {
            await ApiResponder.WriteErrorAsync(context, error);
            return;
        }
        if (!sandbox.Store.HasCampaign(query!.CampaignId))
        {
            await ApiResponder.WriteErrorAsync(context, ApiError.Validation("CampaignId", $"Campaign {query.CampaignId} does not belong to this account."));
            return;
        }

        // One pass: count every match, keep the references on the requested page.
        var paging = query.Paging;
        var onPage = new List<ActionRecord>();
        long total = 0;
        foreach (var action in sandbox.Store.InCampaign(query.CampaignId))
        {
            if (!query.Matches(action)) continue;
            if (total >= paging.FirstIndex && onPage.Count < paging.PageSize) onPage.Add(action);
            total++;
        }
        if (total > 10L * paging.PageSize)
        {
            await ApiResponder.WriteErrorAsync(context, ApiError.Validation("PageSize",
                $"The request matches {total} records, more than 10 times the page size ({paging.PageSize}). Reduce the date range or increase PageSize."));
            return;
        }

        var quirks = sandbox.Behaviour.Quirks;
        using var writer = ApiResponder.StartAnswer(context, 200, quirks);
        writer.StartObject();
        RecordSerializer.WritePaging(writer, PageLinks.Build(context, paging, total, onPage.Count, quirks.AbsoluteLinks), quirks.LinkTypoSpelling, quirks.TotalAlwaysZero);
        writer.StartArray("Actions", "Action");
        foreach (var action in onPage)
        {
            writer.StartObject();
            RecordSerializer.WriteAction(writer, action, sandbox.AccountSid, quirks);
            writer.EndObject();
            await writer.FlushIfFullAsync();
        }
        writer.EndArray();
        writer.EndObject();
        await writer.CompleteAsync();
    }

    public static Task GetAsync(HttpContext context, SandboxHost sandbox, string actionId)
    {
        var action = sandbox.Store.FindById(actionId);
        if (action is null) return ApiResponder.WriteErrorAsync(context, NoSuchAction(actionId));
        return ApiResponder.WriteAsync(context, 200, sandbox.Behaviour.Quirks, w => RecordSerializer.WriteAction(w, action, sandbox.AccountSid, sandbox.Behaviour.Quirks));
    }

    public static async Task ListItemsAsync(HttpContext context, SandboxHost sandbox, string actionId)
    {
        var action = sandbox.Store.FindById(actionId);
        var (paging, error) = Paging.Read(context.Request.Query);
        if (action is null || error is not null)
        {
            await ApiResponder.WriteErrorAsync(context, error ?? NoSuchAction(actionId));
            return;
        }
        var quirks = sandbox.Behaviour.Quirks;
        var items = action.Items;
        var first = (int)System.Math.Min(paging!.FirstIndex, items.Count);
        var count = System.Math.Min(paging.PageSize, items.Count - first);
        await ApiResponder.WriteAsync(context, 200, quirks, w =>
        {
            RecordSerializer.WritePaging(w, PageLinks.Build(context, paging, items.Count, count, quirks.AbsoluteLinks), quirks.LinkTypoSpelling, quirks.TotalAlwaysZero);
            w.StartArray("ActionItems", "ActionItem");
            for (var i = first; i < first + count; i++)
            {
                w.StartObject();
                RecordSerializer.WriteItem(w, action, items[i], sandbox.AccountSid, quirks);
                w.EndObject();
            }
            w.EndArray();
        });
    }

    public static Task GetItemAsync(HttpContext context, SandboxHost sandbox, string actionId, string sku)
    {
        var action = sandbox.Store.FindById(actionId);
        if (action is null) return ApiResponder.WriteErrorAsync(context, NoSuchAction(actionId));
        ItemRecord? item = null;
        foreach (var candidate in action.Items)
            if (candidate.Sku == sku) item = candidate;
        if (item is null) return ApiResponder.WriteErrorAsync(context, ApiError.NotFound($"Action {actionId} has no item with Sku '{sku}'."));
        return ApiResponder.WriteAsync(context, 200, sandbox.Behaviour.Quirks, w => RecordSerializer.WriteItem(w, action, item, sandbox.AccountSid, sandbox.Behaviour.Quirks));
    }

    private static ApiError NoSuchAction(string actionId) => ApiError.NotFound($"No action with ActionId '{actionId}'.");
}
