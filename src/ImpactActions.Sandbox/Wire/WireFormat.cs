using System;
using System.Globalization;

namespace ImpactActions.Sandbox.Wire;

public enum WireFormat
{
    Json,
    Xml,
}

internal static class WireText
{
    public const string DateFormat = "yyyy-MM-ddTHH:mm:sszzz";

    public static string Date(DateTimeOffset? value) =>
        value is { } date ? date.ToString(DateFormat, CultureInfo.InvariantCulture) : "";

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
