using System;
using System.Management.Automation;
using ImpactActions.Core.Errors;
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
        var kind = ErrorKinds.Find(result.ErrorId);
        var record = new ErrorRecord(new ImpactRowException(result), kind?.FullyQualifiedId ?? "ImpactActions.RowFailed", ErrorCategories.Of(kind), target ?? result);
        // A row error's sentence starts with its field; an API refusal's may not, so then the field is named before it.
        var details = result.Field is null || result.Message?.StartsWith(result.Field + " ", StringComparison.Ordinal) == true
            ? $"Row {result.Row}: {result.Message}"
            : $"Row {result.Row}, field {result.Field}: {result.Message}";
        record.ErrorDetails = new ErrorDetails(details) { RecommendedAction = kind?.RecommendedFor(result.Row, result.Field) };
        return record;
    }
}
