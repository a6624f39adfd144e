using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;

namespace ImpactActions.Core.Writing;

/// <summary>
/// The current quantities of actions' items, read with one <c>GET /Actions/{ActionId}/Items</c> per action
/// ([ACTIONS]) when a row needs one. A read stays good only while no write to the action is added to the
/// connection's <see cref="QueuedWrites"/>: after that, a row that needs a quantity waits for the write to
/// complete and reads again, because the API applies queued writes later and a read in between is stale.
/// </summary>
internal sealed class CurrentQuantities
{
    private const int MaxActionsRemembered = 50_000;
    private readonly ActionReader _reader;
    private readonly QueuedWrites _writes;
    private readonly Dictionary<string, Read> _reads = new(StringComparer.Ordinal);

    public CurrentQuantities(ImpactApiClient client)
    {
        _reader = new ActionReader(client);
        _writes = client.Connection.QueuedWrites;
    }

    /// <summary>The items' quantities as the API shows them now: the last read if nothing was queued for the action since, else a new read.</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetAsync(string actionId, CancellationToken cancellation)
    {
        var generation = _writes.Generation(actionId);
        if (_reads.TryGetValue(actionId, out var read) && read.Generation == generation) return read.Quantities;
        var quantities = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var item in _reader.ListItemsAsync(actionId, cancellation).ConfigureAwait(false))
            if (item.Sku is { } sku && item.Quantity is { } quantity && !quantities.ContainsKey(sku))
                quantities[sku] = quantity;
        // Memory stays bounded on a long run; an action seen this long ago is read again if it comes back.
        if (_reads.Count >= MaxActionsRemembered) _reads.Clear();
        _reads[actionId] = new Read(quantities, generation);
        return quantities;
    }

    private sealed record Read(IReadOnlyDictionary<string, int> Quantities, (long, long) Generation);
}
