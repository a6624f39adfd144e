using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Core.Writing;

/// <summary>
/// What a connection has queued and not yet seen complete, per action, so that a value computed from an
/// item's current state (a QuantityChange, a Quantity filled in) is never worked out while a write to
/// that item is still waiting in the API's queue: in this run, in an earlier command of the session, or
/// in an earlier run that shared the journal. Thread-safe: runspaces may share one connection.
/// </summary>
public sealed class QueuedWrites
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<QueuedWrite>> _byAction = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal);
    private long _trackerOrderGeneration;
    private int _trackerOrderWrites;

    public void Add(QueuedWrite write)
    {
        lock (_gate)
        {
            var key = write.Scope.ActionKey;
            if (write.BatchId is not null && _byAction.TryGetValue(key, out var existing) && existing.Any(w => w.BatchId == write.BatchId)) return;
            if (!_byAction.TryGetValue(key, out var list)) _byAction[key] = list = new List<QueuedWrite>();
            list.Add(write);
            Touch(write.Scope);
            if (!write.Scope.ByActionId) _trackerOrderWrites++;
        }
    }

    /// <summary>An unknown outcome found after all: the write is pending with this BatchId.</summary>
    public void Resolve(QueuedWrite write, string batchId)
    {
        lock (_gate) write.BatchId = batchId;
    }

    /// <summary>The submission completed (applied or failed) or is gone: the write no longer holds its items.</summary>
    public void Completed(string batchId)
    {
        lock (_gate)
            foreach (var entry in _byAction.ToList())
            {
                var (key, list) = (entry.Key, entry.Value);
                var done = list.Where(w => string.Equals(w.BatchId, batchId, StringComparison.OrdinalIgnoreCase)).ToList();
                foreach (var write in done)
                {
                    list.Remove(write);
                    if (!write.Scope.ByActionId) _trackerOrderWrites--;
                    // A read taken while it was pending does not show it: the next read must be new.
                    Touch(write.Scope);
                }
                if (list.Count == 0) _byAction.Remove(key);
            }
    }

    /// <summary>The write no longer decides <paramref name="sku"/>: a later absolute write of it was queued behind it.</summary>
    public void Release(QueuedWrite write, string sku)
    {
        lock (_gate)
        {
            if (write.Scope.Skus is not { } skus || !skus.Contains(sku)) return;
            var rest = skus.Where(s => s != sku).ToList();
            if (rest.Count > 0)
            {
                write.Scope = new WriteScope(write.Scope.ActionId, write.Scope.ActionTrackerId, write.Scope.OrderId, rest);
                return;
            }
        }
        Forget(write);
    }

    /// <summary>Drops a write: refused for certain, or replaced.</summary>
    public void Forget(QueuedWrite write)
    {
        lock (_gate)
            if (_byAction.TryGetValue(write.Scope.ActionKey, out var list) && list.Remove(write))
            {
                if (list.Count == 0) _byAction.Remove(write.Scope.ActionKey);
                if (!write.Scope.ByActionId) _trackerOrderWrites--;
            }
    }

    /// <summary>Writes to the action named this way that touch <paramref name="sku"/>.</summary>
    public IReadOnlyList<QueuedWrite> Touching(string actionKey, string sku)
    {
        lock (_gate)
            return _byAction.TryGetValue(actionKey, out var list) ? list.Where(w => w.Scope.Touches(sku)).ToList() : Array.Empty<QueuedWrite>();
    }

    /// <summary>The writes recorded as this journal request.</summary>
    public IReadOnlyList<QueuedWrite> OfJournalRequest(string requestId)
    {
        lock (_gate) return _byAction.Values.SelectMany(l => l).Where(w => w.JournalRequest == requestId).ToList();
    }

    /// <summary>Whether any write named by tracker and order is held: only then is an ActionId's own record worth reading.</summary>
    public bool AnyByTrackerAndOrder
    {
        get { lock (_gate) return _trackerOrderWrites > 0; }
    }

    /// <summary>
    /// Changes whenever a write to the action (or any write by tracker and order) is added or completes: a
    /// current quantity read at one generation may be used only while the generation stays the same.
    /// </summary>
    public (long Action, long TrackerOrder) Generation(string actionKey)
    {
        lock (_gate) return (_generations.TryGetValue(actionKey, out var g) ? g : 0, _trackerOrderGeneration);
    }

    public int Count
    {
        get { lock (_gate) return _byAction.Values.Sum(l => l.Count); }
    }

    private void Touch(WriteScope scope)
    {
        _generations[scope.ActionKey] = (_generations.TryGetValue(scope.ActionKey, out var g) ? g : 0) + 1;
        if (!scope.ByActionId) _trackerOrderGeneration++;
    }
}
