using System.Collections.Generic;

namespace ImpactActions.Core.Writing;

/// <summary>
/// Hands row results out in row order (1, 2, 3, …) as soon as every earlier row has one, so a run's
/// output lines up with its input CSV (and Export-Csv of the results does too). Holds only the rows
/// that finished ahead of an earlier one: rows whose action's batch is still open.
/// </summary>
public sealed class RowOrder
{
    private readonly Dictionary<long, RowResult> _ahead = new();
    private long _next = 1;

    /// <summary>Takes one row's result; returns the results that are now next in order.</summary>
    public IReadOnlyList<RowResult> Add(RowResult result)
    {
        _ahead[result.Row] = result;
        var ready = new List<RowResult>();
        while (_ahead.TryGetValue(_next, out var next))
        {
            _ahead.Remove(_next);
            ready.Add(next);
            _next++;
        }
        return ready;
    }

}
