using System;
using System.Globalization;
using System.Management.Automation;

namespace ImpactActions.Binding;

/// <summary>
/// Lets a date parameter take what users and the module produce: a DateTime (Get-Date), a
/// DateTimeOffset (an action's EventDate), or an ISO 8601 string: a date (2026-11-01), a date and time
/// (2026-11-01T10:00, with seconds and fractions, a space for the T), with or without an offset (Z,
/// +01:00). Any other string is refused by name: 01.11.2026 or 01/11/2026 mean different days in
/// different countries, and guessing one would list the wrong weeks. A value without an offset (a
/// DateTime of unspecified or local kind, a string with no Z or ±hh:mm) is the local time of the
/// machine running the command; a UTC DateTime or a string with an offset is that instant.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DateInputAttribute : ArgumentTransformationAttribute
{
    private static readonly System.Text.RegularExpressions.Regex IsoDate = new(
        @"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

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
            case string text when IsoDate.IsMatch(text.Trim())
                                  && DateTimeOffset.TryParse(text.Trim().Replace(' ', 'T'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var parsed):
                return parsed;
            case string text:
                throw new ArgumentTransformationMetadataException(
                    $"'{text}' is not an ISO 8601 date, the one form that reads the same everywhere: write 2024-01-31, 2024-01-31T23:59:59 or 2024-01-31T23:59:59Z, or give a [datetime] or a [DateTimeOffset].");
            default:
                throw new ArgumentTransformationMetadataException($"A {value.GetType().Name} is not a date: give a [datetime], a [DateTimeOffset] or an ISO 8601 string.");
        }
    }
}
