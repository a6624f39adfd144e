using System;
using System.Collections.Generic;

namespace ImpactActions.Core.Submissions;

/// <summary>
/// Submissions already attributed to a request, so a lost answer is never credited with one twice. A run's
/// set holds its journal's BatchIds and passes every claim on to the account's (<see cref="Connection.AccountState"/>),
/// whose claims it also honours: an earlier command's identical submission is never taken for this one.
/// Thread-safe: runs in several runspaces claim from one account.
/// </summary>
public sealed class ClaimedBatches
{
    private readonly object _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly ClaimedBatches? _shared;

    public ClaimedBatches(ClaimedBatches? shared = null, IEnumerable<string>? already = null)
    {
        _shared = shared;
        if (already is not null) _ids.UnionWith(already);
    }

    public bool Contains(string batchId)
    {
        lock (_gate)
            if (_ids.Contains(batchId)) return true;
        return _shared?.Contains(batchId) ?? false;
    }

    public void Add(string batchId)
    {
        lock (_gate) _ids.Add(batchId);
        _shared?.Add(batchId);
    }
}
