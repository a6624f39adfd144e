using System;
using System.Management.Automation;
using ImpactActions.Core.Writing;

namespace ImpactActions.Host;

/// <summary>A row that failed, or whose outcome is unknown, as a non-terminating error with a stable ErrorId.</summary>
public sealed class ImpactRowException : Exception
{
    public ImpactRowException(RowResult result) : base($"Row {result.Row}: {result.Message}") => Result = result;

    public RowResult Result { get; }
}

internal static class RowErrors
{
    public static ErrorRecord For(RowResult result, object? target)
    {
        var category = result.ErrorId switch
        {
            "InvalidRow" => ErrorCategory.InvalidArgument,
            "ApiRefused" => ErrorCategory.InvalidOperation,
            "ApiUnavailable" => ErrorCategory.ConnectionError,
            "OutcomeUnknown" => ErrorCategory.OperationStopped,
            "SubmissionFailed" => ErrorCategory.InvalidResult,
            "SubmissionTimedOut" => ErrorCategory.OperationTimeout,
            _ => ErrorCategory.NotSpecified,
        };
        var record = new ErrorRecord(new ImpactRowException(result), "ImpactActions." + (result.ErrorId ?? "RowFailed"), category, target ?? result);
        if (result.Field is not null)
            // A row error's sentence starts with its field; an API refusal's may not, so then the field is named before it.
            record.ErrorDetails = new ErrorDetails(result.Message?.StartsWith(result.Field + " ", StringComparison.Ordinal) == true
                ? $"Row {result.Row}: {result.Message}"
                : $"Row {result.Row}, field {result.Field}: {result.Message}")
            {
                RecommendedAction = result.ErrorId == "OutcomeUnknown"
                    ? "Check the action (Get-ImpactActionItem) before sending this row again."
                    : $"Correct {result.Field} in row {result.Row} and run again; rows already accepted are skipped when -JournalPath is used.",
            };
        return record;
    }
}
