using System;
using System.Globalization;
using System.Management.Automation;

namespace ImpactActions.Binding;

/// <summary>
/// Lets a date parameter take what users and the module produce: a DateTime (Get-Date), a
/// DateTimeOffset (an action's EventDate), or an ISO 8601 string. A value without an offset (a
/// DateTime of unspecified or local kind, a string with no Z or ±hh:mm) is the local time of the
/// machine running the command; a UTC DateTime or a string with an offset is that instant.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DateInputAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case DateTimeOffset offset:
                return offset;
            case DateTime date:
                return date.Kind == DateTimeKind.Utc ? new DateTimeOffset(date) : new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Local));
            case string text when DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var parsed):
                return parsed;
            case string text:
                throw new ArgumentTransformationMetadataException(
                    $"'{text}' is not a date: give an ISO 8601 date such as 2024-01-31 or 2024-01-31T23:59:59Z, a [datetime] or a [DateTimeOffset].");
            default:
                throw new ArgumentTransformationMetadataException($"A {value.GetType().Name} is not a date: give a [datetime], a [DateTimeOffset] or an ISO 8601 string.");
        }
    }
}
