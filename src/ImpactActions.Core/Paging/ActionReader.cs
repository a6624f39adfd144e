using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Hosting;
using ImpactActions.Core.Http;
using ImpactActions.Core.Json;
using ImpactActions.Core.Records;

namespace ImpactActions.Core.Paging;

/// <summary>
/// Reads actions and their items. A listing of any date range is one lazy stream: Core splits a
/// StartDate range into 45-day windows ([ACTIONS]' rule for StartDate and EndDate), halves a window
/// the API refuses for holding more than 10 × PageSize records, and follows every page, all invisible
/// to the caller. EventDate and LockingDate ranges go out as given: no page limits them.
/// </summary>
public sealed class ActionReader
{
    private readonly ImpactApiClient _client;
    private readonly Func<DateTimeOffset> _clock;
    private readonly PagedListReader<ImpactAction> _actions;
    private readonly PagedListReader<ImpactActionItem> _items;

    public ActionReader(ImpactApiClient client, Func<DateTimeOffset>? clock = null)
    {
        _client = client;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _actions = new PagedListReader<ImpactAction>(client, "Actions", RecordMaps.Action, () => new ImpactAction());
        _items = new PagedListReader<ImpactActionItem>(client, "ActionItems", RecordMaps.Item, () => new ImpactActionItem());
    }

    /// <summary>Called as each window's first page is requested and as each opened window reports its total, for progress.</summary>
    public Action<ListingProgress>? ProgressChanged { get; set; }

    /// <summary>The windows a query will be read in, newest first; checks the query before any request.</summary>
    internal IEnumerable<ListWindow> Plan(ActionQuery query)
    {
        if (query.CampaignId <= 0) throw new ImpactQueryException("A CampaignId is required to list actions.");
        if (query.EndDate is not null && query.StartDate is null) throw new ImpactQueryException("EndDate needs a StartDate.");
        if (query.ActionDateEnd is not null && query.ActionDateStart is null) throw new ImpactQueryException("ActionDateEnd needs an ActionDateStart.");
        if (query.LockingDateEnd is not null && query.LockingDateStart is null) throw new ImpactQueryException("LockingDateEnd needs a LockingDateStart.");
        if (query.LockingDateEnd < query.LockingDateStart) throw new ImpactQueryException("LockingDateEnd is before LockingDateStart.");

        if (query.ActionDateEnd < query.ActionDateStart) throw new ImpactQueryException("ActionDateEnd is before ActionDateStart.");

        var now = _clock();
        // [ACTIONS]: "If neither is specified, only the past 7 days are returned" (StartDate, EndDate), and
        // ActionDateStart "can be used as an alternative to StartDate". That default is made explicit, so a
        // crowded week can still be halved. LockingDateStart is no such alternative: alone, it gets the 7 days.
        var sevenDayDefault = query.StartDate is null && query.ActionDateStart is null;
        if (sevenDayDefault && query.LockingDateStart is not null)
            _client.Log.Warning("A LockingDate range without -StartDate lists only actions updated in the past 7 days (the API's default when StartDate is not given); add -StartDate to reach further back.");
        var updatedStart = sevenDayDefault ? now.AddDays(-7) : query.StartDate;
        var updated = updatedStart is { } us
            ? DateWindowPlanner.Plan("StartDate", us, sevenDayDefault ? now : query.EndDate, now, query.ClampToThreeYears).Cast<DateWindow?>().ToList()
            : new List<DateWindow?> { null };
        DateWindow? events = query.ActionDateStart is { } es
            ? new DateWindow(DateWindowPlanner.WholeSeconds(es), DateWindowPlanner.WholeSeconds(query.ActionDateEnd ?? now))
            : null;
        DateWindow? locking = query.LockingDateStart is { } ls && query.LockingDateEnd is { } le
            ? new DateWindow(DateWindowPlanner.WholeSeconds(ls), DateWindowPlanner.WholeSeconds(le))
            : null;
        return updated.Select(u => new ListWindow(u, events, locking));
    }

    public async IAsyncEnumerable<ImpactAction> ListAsync(ActionQuery query, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var plan = Plan(query).ToList();
        var progress = new ListingProgress { Windows = plan.Count };
        foreach (var planned in plan)
        {
            var pending = new Stack<ListWindow>();
            pending.Push(planned);
            while (pending.Count > 0)
            {
                var window = pending.Pop();
                PagedListReader<ImpactAction>.OpenPage first;
                try
                {
                    progress.Window++;
                    progress.Range = window.ToString();
                    ProgressChanged?.Invoke(progress);
                    first = await _actions.OpenAsync(Target(query, window), cancellation).ConfigureAwait(false);
                }
                catch (ImpactApiException e) when (IsTooManyForPageSize(e))
                {
                    var halves = window.Halve()
                        ?? throw new ImpactQueryException($"The API refuses {window} as holding more than 10 × PageSize records, and it cannot be split further; raise -PageSize.");
                    _client.Log.Verbose($"The API holds more than 10 × PageSize records for {window}; reading it in two halves.");
                    pending.Push(halves.Older);
                    pending.Push(halves.Newer);
                    progress.Window--;
                    progress.Windows++;
                    continue;
                }
                var reported = false;
                await foreach (var action in _actions.ReadAsync(first, cancellation, (envelope, recordsRead) =>
                {
                    if (reported) return;
                    reported = true;
                    progress.Opened(envelope.PlausibleTotal(recordsRead));
                    ProgressChanged?.Invoke(progress);
                }).ConfigureAwait(false))
                    yield return action;
                if (!reported) progress.Opened(null);
            }
        }
    }

    /// <summary><see cref="ListAsync"/> as a cursor, for callers that must not bind IAsyncEnumerable (the cmdlets).</summary>
    public RecordCursor<ImpactAction> OpenList(ActionQuery query, CancellationToken cancellation) => new(ListAsync(query, cancellation), cancellation);

    public async Task<ImpactAction> GetAsync(string actionId, CancellationToken cancellation = default)
    {
        var body = await GetOrNotFoundAsync(Path(actionId), $"No action with ActionId '{actionId}'.", cancellation).ConfigureAwait(false);
        return SingleRecordParser.Parse(body, RecordMaps.Action, () => new ImpactAction());
    }

    /// <summary>The items of one action, in the order they were recorded.</summary>
    public async IAsyncEnumerable<ImpactActionItem> ListItemsAsync(string actionId, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        PagedListReader<ImpactActionItem>.OpenPage first;
        try
        {
            first = await _items.OpenAsync(Path(actionId) + "/Items", cancellation).ConfigureAwait(false);
        }
        catch (ImpactApiException e) when (e.IsNotFound)
        {
            throw new ImpactNotFoundException($"No action with ActionId '{actionId}'.", e);
        }
        await foreach (var item in _items.ReadAsync(first, cancellation).ConfigureAwait(false))
        {
            item.ActionId = actionId;
            yield return item;
        }
    }

    /// <summary><see cref="ListItemsAsync"/> as a cursor, for callers that must not bind IAsyncEnumerable (the cmdlets).</summary>
    public RecordCursor<ImpactActionItem> OpenItems(string actionId, CancellationToken cancellation) => new(ListItemsAsync(actionId, cancellation), cancellation);

    /// <summary>
    /// One item by Sku. A Sku that cannot travel as a path segment on every runtime (<see cref="PathSegment"/>),
    /// such as "A/B" or "SKU.", is found in the action's item list instead, so it never reaches another URL.
    /// </summary>
    public async Task<ImpactActionItem> GetItemAsync(string actionId, string sku, CancellationToken cancellation = default)
    {
        var notFound = $"No item with Sku '{sku}' in action '{actionId}' (or no such action).";
        if (!PathSegment.IsSafe(sku))
        {
            await foreach (var listed in ListItemsAsync(actionId, cancellation).ConfigureAwait(false))
                if (string.Equals(listed.Sku, sku, StringComparison.Ordinal)) return listed;
            throw new ImpactNotFoundException(notFound);
        }
        var body = await GetOrNotFoundAsync(Path(actionId) + "/Items/" + sku, notFound, cancellation).ConfigureAwait(false);
        var item = SingleRecordParser.Parse(body, RecordMaps.Item, () => new ImpactActionItem());
        item.ActionId = actionId;
        return item;
    }

    private async Task<byte[]> GetOrNotFoundAsync(string target, string notFound, CancellationToken cancellation)
    {
        try
        {
            return await _client.SendForBodyAsync(new ApiRequest(HttpMethod.Get, target), cancellation).ConfigureAwait(false);
        }
        catch (ImpactApiException e) when (e.IsNotFound)
        {
            throw new ImpactNotFoundException(notFound, e);
        }
    }

    private string Path(string actionId)
    {
        // Every ActionId the pages show is digits and dots (1000.4636.158133); anything that is not one path
        // segment would be read as another resource.
        if (!PathSegment.IsSafe(actionId))
            throw new ImpactQueryException($"'{actionId}' is not an ActionId: give one as the API shows it, such as 1000.4636.158133.");
        return _client.Path("Actions/" + actionId);
    }

    private string Target(ActionQuery query, ListWindow window)
    {
        var parameters = new List<string> { "CampaignId=" + query.CampaignId.ToString(CultureInfo.InvariantCulture) };
        if (!string.IsNullOrEmpty(query.State)) parameters.Add("State=" + Uri.EscapeDataString(query.State!.ToUpperInvariant()));
        AddRange(parameters, "StartDate", "EndDate", window.Updated);
        AddRange(parameters, "ActionDateStart", "ActionDateEnd", window.Events);
        if (window.Locking is { } locking) AddRange(parameters, "LockingDateStart", "LockingDateEnd", locking);
        else if (query.LockingDateStart is { } lockingStart) parameters.Add("LockingDateStart=" + Date(lockingStart));
        if (query.PageSize is { } size) parameters.Add("PageSize=" + size.ToString(CultureInfo.InvariantCulture));
        return _client.Path("Actions") + "?" + string.Join("&", parameters);
    }

    private static void AddRange(List<string> parameters, string startName, string endName, DateWindow? window)
    {
        if (window is not { } w) return;
        parameters.Add(startName + "=" + Date(w.Start));
        parameters.Add(endName + "=" + Date(w.End));
    }

    /// <summary>ISO 8601 with a time part, in UTC: the one format the API is known to read in full.</summary>
    private static string Date(DateTimeOffset value) =>
        Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>The API's refusal of a listing larger than 10 × PageSize (its wording is unpublished: match what it must mention).</summary>
    internal static bool IsTooManyForPageSize(ImpactApiException e)
    {
        if (e.StatusCode != 400) return false;
        bool Mentions(string? text) => text is not null
            && (text.IndexOf("PageSize", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("page size", StringComparison.OrdinalIgnoreCase) >= 0);
        return Mentions(e.ApiMessage) || e.FieldErrors.Any(f => Mentions(f.Field) || Mentions(f.Message));
    }
}

/// <summary>The API answered 404 for an action, item or submission: it does not exist (or no longer).</summary>
public sealed class ImpactNotFoundException : Exception
{
    public ImpactNotFoundException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
