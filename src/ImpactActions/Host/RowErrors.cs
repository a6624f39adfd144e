using System;
using System.Management.Automation;
using ImpactActions.Core.Errors;
using ImpactActions.Core.Writing;

namespace ImpactActions.Host;

/// <summary>A row that failed, or whose outcome is unknown, as a non-terminating error with a stable ErrorId.</summary>
public sealed class ImpactRowException : Exception
{
    public ImpactRowException(RowResult result, string subject) : base($"{subject}: {result.Message}") => Result = result;

    public RowResult Result { get; }
}

/// <summary>
/// A failed row's error record. Set-ImpactActionItem speaks of CSV rows ("Row 3, field Quantity: …"); the
/// action-level cmdlets speak of the action ("Action 1000.2240.5, field Amount: …", or "Input 2" when the
/// input named none) and recommend nothing they lack (no journal, no -ResendUnknown).
/// </summary>
internal static class RowErrors
{
    public static ErrorRecord For(RowResult result, object? target, bool actionLevel = false)
    {
        var kind = ErrorKinds.Find(result.ErrorId) ?? ErrorKinds.Unexpected;
        var subject = actionLevel ? ActionSubject(result) : $"Row {result.Row}";
        var record = new ErrorRecord(new ImpactRowException(result, subject), kind.FullyQualifiedId, ErrorCategories.Of(kind), target ?? result);
        // A row error's sentence starts with its field; an API refusal's may not, so then the field is named before it.
        var details = result.Field is null || result.Message?.StartsWith(result.Field + " ", StringComparison.Ordinal) == true
            ? $"{subject}: {result.Message}"
            : $"{subject}, field {result.Field}: {result.Message}";
        record.ErrorDetails = new ErrorDetails(details) { RecommendedAction = kind.RecommendedFor(result.Row, result.Field, actionLevel) };
        return record;
    }

    private static string ActionSubject(RowResult result) =>
        !string.IsNullOrEmpty(result.ActionId) ? $"Action {result.ActionId}"
        : result.ActionTrackerId is not null && !string.IsNullOrEmpty(result.OrderId) ? $"Action of tracker {result.ActionTrackerId} and order {result.OrderId}"
        : $"Input {result.Row}";
}
