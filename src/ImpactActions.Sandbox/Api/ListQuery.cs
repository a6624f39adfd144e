using System;
using System.Globalization;
using ImpactActions.Sandbox.Data;
using Microsoft.AspNetCore.Http;

namespace ImpactActions.Sandbox.Api;

/// <summary>An inclusive range; an open end is null.</summary>
public readonly record struct DateRange(DateTimeOffset? From, DateTimeOffset? To)
{
    public bool Contains(DateTimeOffset value) => (From is null || value >= From) && (To is null || value <= To);

    public bool IsSet => From is not null || To is not null;
}

/// <summary>A parsed, valid <c>GET /Actions</c> request: [ACTIONS]' date rules and page sizes applied.</summary>
public sealed record ListQuery(int CampaignId, ActionState? State, DateRange Updated, DateRange Event, DateRange Locking, Paging Paging)
{
    public const int MaxRangeDays = 45;
    public const int MaxYearsBack = 3;
    public const int DefaultRecentDays = 7;

    public bool Matches(ActionRecord action) =>
        (State is null || action.State == State)
        && Updated.Contains(action.LastUpdated)
        && Event.Contains(action.EventDate)
        && Locking.Contains(action.LockingDate);

    /// <param name="rejectedIsReversed">The older reference's word for a reversed action, REJECTED, is a State too (docs/api-reference.md [CAPTURES]).</param>
    public static (ListQuery? Query, ApiError? Error) Parse(IQueryCollection query, DateTimeOffset now, bool rejectedIsReversed = false)
    {
        try
        {
            var campaignText = Value(query, "CampaignId") ?? throw Invalid("CampaignId", "CampaignId is required.");
            if (!int.TryParse(campaignText, NumberStyles.None, CultureInfo.InvariantCulture, out var campaignId))
                throw Invalid("CampaignId", "Not a numeric value.");

            ActionState? state = null;
            if (Value(query, "State") is { } stateText)
            {
                if (rejectedIsReversed && stateText == "REJECTED") state = ActionState.REVERSED;
                else if (!Enum.TryParse<ActionState>(stateText, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
                    throw Invalid("State", $"'{stateText}' is not one of PENDING, APPROVED, REVERSED{(rejectedIsReversed ? ", REJECTED" : "")}.");
                else state = parsed;
            }

            var updated = ParseRange(query, "StartDate", "EndDate", now, startNeedsEnd: true);
            // [ACTIONS]' three-year and 45-day rules name StartDate and EndDate only.
            var eventRange = ParseRange(query, "ActionDateStart", "ActionDateEnd", now, startNeedsEnd: false, limited: false);
            var locking = ParseRange(query, "LockingDateStart", "LockingDateEnd", now, startNeedsEnd: false, limited: false);
            // "If neither is specified, only the past 7 days are returned": neither StartDate nor EndDate.
            // ActionDateStart is documented as an alternative to StartDate; LockingDateStart is not.
            if (!updated.IsSet && !eventRange.IsSet)
                updated = new DateRange(now.AddDays(-DefaultRecentDays), now);

            return (new ListQuery(campaignId, state, updated, eventRange, locking, Paging.Parse(query)), null);
        }
        catch (QueryException e)
        {
            return (null, e.Error);
        }
    }

    private static DateRange ParseRange(IQueryCollection query, string startName, string endName, DateTimeOffset now,
        bool startNeedsEnd, bool limited = true)
    {
        var start = Date(query, startName);
        var end = Date(query, endName);
        if (end is not null && start is null) throw Invalid(startName, $"{endName} requires {startName}.");
        if (start is null) return default;
        if (end is null && startNeedsEnd) throw Invalid(endName, $"{startName} requires {endName}.");
        if (end < start) throw Invalid(endName, $"{endName} is before {startName}.");
        if (limited)
        {
            if (start < now.AddYears(-MaxYearsBack))
                throw Invalid(startName, $"{startName} cannot be more than {MaxYearsBack} years in the past.");
            if ((end ?? now) - start > TimeSpan.FromDays(MaxRangeDays))
                throw Invalid(endName, $"The range between {startName} and {endName} cannot exceed {MaxRangeDays} days.");
        }
        return new DateRange(start, end);
    }

    private static readonly string[] DateFormats =
    {
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    };

    /// <summary>ISO 8601 with a time part; an offset-less value is UTC. Other formats are refused, not half-read.</summary>
    private static DateTimeOffset? Date(IQueryCollection query, string name)
    {
        if (Value(query, name) is not { } text) return null;
        // An unencoded '+' of an offset arrives as a space.
        text = text.Replace(' ', '+');
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value;
        throw Invalid(name, $"'{text}' is not an ISO 8601 date with a time part, e.g. 2024-01-01T00:00:00Z.");
    }

    internal static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    internal static QueryException Invalid(string field, string message) => new(ApiError.Validation(field, message));

    internal sealed class QueryException : Exception
    {
        public QueryException(ApiError error) : base(error.Message) => Error = error;

        public ApiError Error { get; }
    }
}

/// <summary>Page and PageSize: default 20,000, at least 2,000 (a smaller request is raised to it); the seed states no maximum.</summary>
public sealed record Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 20_000;
    public const int MinPageSize = 2_000;

    public static (Paging? Paging, ApiError? Error) Read(IQueryCollection query)
    {
        try
        {
            return (Parse(query), null);
        }
        catch (ListQuery.QueryException e)
        {
            return (null, e.Error);
        }
    }

    internal static Paging Parse(IQueryCollection query)
    {
        var page = 1;
        if (ListQuery.Value(query, "Page") is { } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
            throw ListQuery.Invalid("Page", "Page must be a whole number from 1.");
        var size = DefaultPageSize;
        if (ListQuery.Value(query, "PageSize") is { } sizeText && !int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size))
            throw ListQuery.Invalid("PageSize", "Not a numeric value.");
        return new Paging(page, Math.Max(size, MinPageSize));
    }

    public int NumPages(long total) => (int)Math.Max(1, (total + PageSize - 1) / PageSize);

    public long FirstIndex => (long)(Page - 1) * PageSize;
}
