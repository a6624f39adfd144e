using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Sandbox.Ledger;

/// <summary>Every modification the queue applied, in order. Append-only.</summary>
public sealed class ModificationLedger
{
    private readonly object _gate = new();
    private readonly List<LedgerEntry> _entries = new();

    public void Append(string batchId, string actionId, string sku, string field, string value, DateTimeOffset at)
    {
        lock (_gate) _entries.Add(new LedgerEntry(_entries.Count + 1, batchId, actionId, sku, field, value, at));
    }

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    public IReadOnlyList<LedgerEntry> Entries(string? actionId = null, string? batchId = null, long after = 0)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Sequence > after
                    && (actionId is null || e.ActionId == actionId)
                    && (batchId is null || e.BatchId == batchId))
                .ToList();
        }
    }
}
