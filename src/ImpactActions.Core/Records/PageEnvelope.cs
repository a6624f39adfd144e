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
}
