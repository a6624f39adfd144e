using System;
using System.Collections.Generic;
using System.Linq;
using ImpactActions.Core.Validation;

namespace ImpactActions.Core.Batching;

/// <summary>
/// Groups item changes to the same action (and reason) into one request. Never mixes actions, never
/// exceeds the items per request, never puts one Sku twice in a request (the API refuses that; the
/// second change waits for a request of its own, after the first), and holds at most
/// <c>maxPendingRows</c> rows before it hands out the oldest batch.
/// </summary>
public sealed class ItemChangeBatcher
{
    private readonly int _maxItemsPerRequest;
    private readonly int _maxPendingRows;
    private readonly List<ItemChangeBatch> _open = new();
    private int _pendingRows;

    public ItemChangeBatcher(int maxItemsPerRequest = 100, int maxPendingRows = 10_000)
    {
        if (maxItemsPerRequest < 1) throw new ArgumentOutOfRangeException(nameof(maxItemsPerRequest));
        _maxItemsPerRequest = maxItemsPerRequest;
        _maxPendingRows = Math.Max(maxPendingRows, 1);
    }

    /// <summary>Takes a change; returns the batches that are ready to send now, in the order to send them.</summary>
    public IReadOnlyList<ItemChangeBatch> Add(ItemChange change)
    {
        var ready = new List<ItemChangeBatch>();
        var open = _open.FirstOrDefault(b => b.ActionKey == change.ActionKey && b.Reason == change.Reason);
        if (open is not null && open.HasSku(change.Sku))
        {
            // Changes to one item keep their order: the earlier one goes first, in its own request.
            Close(open, ready);
            open = null;
        }
        if (open is null)
        {
            _open.Add(new ItemChangeBatch(change));
        }
        else
        {
            open.Add(change);
            if (open.Items.Count >= _maxItemsPerRequest) Close(open, ready);
        }
        _pendingRows++;
        while (_pendingRows > _maxPendingRows && _open.Count > 0) Close(_open[0], ready);
        if (_open.LastOrDefault() is { } last && last.Items.Count >= _maxItemsPerRequest) Close(last, ready);
        return ready;
    }

    /// <summary>The batches still open, in the order their first change arrived.</summary>
    internal IReadOnlyList<ItemChangeBatch> Open => _open;

    /// <summary>Takes an open batch out, to be sent now.</summary>
    internal void Take(ItemChangeBatch batch)
    {
        if (_open.Remove(batch)) _pendingRows -= batch.Items.Count;
    }

    /// <summary>Every batch still open, in the order their first change arrived.</summary>
    public IReadOnlyList<ItemChangeBatch> Complete()
    {
        var ready = _open.ToList();
        _open.Clear();
        _pendingRows = 0;
        return ready;
    }

    private void Close(ItemChangeBatch batch, List<ItemChangeBatch> ready)
    {
        _open.Remove(batch);
        _pendingRows -= batch.Items.Count;
        ready.Add(batch);
    }
}
