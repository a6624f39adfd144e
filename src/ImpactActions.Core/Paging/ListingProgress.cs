using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Core.Paging;

/// <summary>
/// Where a listing is: the window it reads of how many (a window the API refuses as too large becomes two,
/// so the count can grow), and what the API says each opened window holds (its first page's @total). The
/// total of the whole listing is exact once every window has reported one; before that it is an estimate.
/// </summary>
public sealed class ListingProgress
{
    private readonly List<long?> _totals = new();

    /// <summary>Windows the listing reads, as far as known.</summary>
    public int Windows { get; internal set; }

    /// <summary>The window being read (from 1).</summary>
    public int Window { get; internal set; }

    /// <summary>The range of the window being read, as words.</summary>
    public string Range { get; internal set; } = "";

    internal void Opened(long? total) => _totals.Add(total);

    /// <summary>Every window reported its total: the listing's total is their sum, not an estimate.</summary>
    public bool TotalIsExact => Windows > 0 && _totals.Count == Windows && _totals.All(t => t is not null);

    /// <summary>
    /// The listing's total: exact when every window reported; else those reported, spread over the windows
    /// not yet opened (an estimate), or null when no window reported one ([CAPTURES]: @total is not reliable everywhere).
    /// </summary>
    public long? Total
    {
        get
        {
            var known = _totals.Where(t => t is not null).Select(t => t!.Value).ToList();
            if (known.Count == 0) return null;
            if (TotalIsExact) return known.Sum();
            var opened = known.Sum();
            var perWindow = (double)opened / known.Count;
            return opened + (long)(perWindow * (Windows - _totals.Count));
        }
    }
}
