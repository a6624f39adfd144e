using System;
using System.Management.Automation;
using ImpactActions.Core.Errors;

namespace ImpactActions.Host;

/// <summary>The PowerShell ErrorCategory of an <see cref="ErrorKind"/>, which names it (Core does not reference PowerShell).</summary>
internal static class ErrorCategories
{
    /// <summary>Every kind names a category PowerShell has (ErrorCatalogueTests checks): a name it lacks would be a fault of the catalogue.</summary>
    public static ErrorCategory Of(ErrorKind kind) => (ErrorCategory)Enum.Parse(typeof(ErrorCategory), kind.Category);

    /// <summary>An error record of this kind, for an exception raised outside a row.</summary>
    public static ErrorRecord Record(ErrorKind kind, Exception exception, object? target)
    {
        var record = new ErrorRecord(exception, kind.FullyQualifiedId, Of(kind), target);
        record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = kind.RecommendedWithoutRow() };
        return record;
    }
}
