using System;

namespace ImpactActions.Core.Paging;

/// <summary>What a caller wants listed. Ranges may be any length: Core splits them into windows the API accepts.</summary>
public sealed class ActionQuery
{
    public long CampaignId { get; set; }

    /// <summary>PENDING, APPROVED or REVERSED; null for every state.</summary>
    public string? State { get; set; }

    /// <summary>Last-updated range (the API's StartDate/EndDate). A start without an end runs to now.</summary>
    public DateTimeOffset? StartDate { get; set; }

    public DateTimeOffset? EndDate { get; set; }

    /// <summary>EventDate range. A start without an end runs to now.</summary>
    public DateTimeOffset? ActionDateStart { get; set; }

    public DateTimeOffset? ActionDateEnd { get; set; }

    /// <summary>LockingDate range, sent as given.</summary>
    public DateTimeOffset? LockingDateStart { get; set; }

    public DateTimeOffset? LockingDateEnd { get; set; }

    /// <summary>Records per page; null leaves the API's default (20,000). The API raises anything under 2,000.</summary>
    public int? PageSize { get; set; }

    /// <summary>Move a start older than the API's three years forward instead of refusing the query.</summary>
    public bool ClampToThreeYears { get; set; }
}
