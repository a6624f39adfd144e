using System.Linq;

namespace ImpactActions.Core.Paging;

/// <summary>The date windows of one listing request: each range present is at most what the API accepts.</summary>
internal readonly struct ListWindow
{
    public ListWindow(DateWindow? updated, DateWindow? events, DateWindow? locking)
    {
        Updated = updated;
        Events = events;
        Locking = locking;
    }

    public DateWindow? Updated { get; }
    public DateWindow? Events { get; }
    public DateWindow? Locking { get; }

    /// <summary>Halves the first range there is (last-updated, then event, then locking), newer half second.</summary>
    public (ListWindow Older, ListWindow Newer)? Halve()
    {
        if (Updated is { } updated)
            return updated.Halve() is { } u ? (new ListWindow(u.First, Events, Locking), new ListWindow(u.Second, Events, Locking)) : null;
        if (Events is { } events)
            return events.Halve() is { } e ? (new ListWindow(Updated, e.First, Locking), new ListWindow(Updated, e.Second, Locking)) : null;
        if (Locking is { } locking)
            return locking.Halve() is { } l ? (new ListWindow(Updated, Events, l.First), new ListWindow(Updated, Events, l.Second)) : null;
        return null;
    }

    public override string ToString() =>
        string.Join(", ", new[] { Updated is { } u ? $"updated {u}" : null, Events is { } e ? $"events {e}" : null, Locking is { } l ? $"locking {l}" : null }
            .Where(s => s is not null));
}
