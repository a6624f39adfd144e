namespace ImpactActions.Core.Records;

/// <summary>The paging keys of one list answer, every value as sent (strings, or numbers turned to text).</summary>
public sealed class PageEnvelope
{
    public int? Page { get; set; }
    public int? NumPages { get; set; }
    public int? PageSize { get; set; }
    public long? Total { get; set; }

    /// <summary>The next page's link, relative or absolute; empty or null when there is none.</summary>
    public string? NextPageUri { get; set; }

    /// <summary>Whether another page follows: a non-empty next link, unless @page has reached @numpages.</summary>
    public bool HasNext =>
        !string.IsNullOrEmpty(NextPageUri) && !(Page is { } page && NumPages is { } pages && page >= pages);

    /// <summary>
    /// @total, unless the page contradicts it: fewer than the records already read from it, or no more than the pages
    /// before the last can hold. A public client found @total always 0 on one list (docs/api-reference.md [CAPTURES]),
    /// so paging never rests on it; this keeps a wrong one out of progress and counts, where it is shown as unknown.
    /// </summary>
    internal long? PlausibleTotal(int recordsRead)
    {
        if (Total is not { } total) return null;
        if (total < recordsRead) return null;
        if (NumPages is > 1 and var pages && PageSize is > 0 and var size && total <= (long)(pages - 1) * size) return null;
        if (total == 0 && HasNext) return null;
        return total;
    }
}
