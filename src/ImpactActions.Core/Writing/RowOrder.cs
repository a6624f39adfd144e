using System.Collections.Generic;

namespace ImpactActions.Core.Writing;

/// <summary>
/// Hands row results out in the order the rows came (by <see cref="RowResult.Sequence"/>: 1, 2, 3, …) as
/// soon as every earlier row has one, so a run's output lines up with its input CSV (and Export-Csv of the
/// results does too). Holds only the rows that finished ahead of an earlier one.
/// </summary>
internal sealed class RowOrder
{
    private readonly Dictionary<long, RowResult> _ahead = new();
    private long _next = 1;

    /// <summary>Results waiting for an earlier row's.</summary>
    public int Held => _ahead.Count;

    /// <summary>Takes one row's result; returns the results that are now next in order.</summary>
    public IReadOnlyList<RowResult> Add(RowResult result)
    {
        _ahead[result.Sequence] = result;
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
