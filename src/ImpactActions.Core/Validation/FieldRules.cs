using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ImpactActions.Core.Validation;

/// <summary>
/// The API's request limits (api-facts.md) applied to text as users supply it: strings up to 255
/// characters, decimals with a point and at most 2 places, integers up to 16 digits. An empty or
/// blank value means "not given" — never zero.
/// </summary>
internal static class FieldRules
{
    public const int MaxStringLength = 255;
    public const int MaxIntegerDigits = 16;
    public const int MaxDecimalIntegerDigits = 8;

    private static readonly Regex DecimalText = new(@"^[+-]?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex DecimalCommaText = new(@"^[+-]?[0-9]+,[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex IntegerText = new("^[+]?[0-9]+$", RegexOptions.CultureInvariant);

    public static bool IsGiven(string? text) => !string.IsNullOrWhiteSpace(text);

    /// <summary>
    /// The action a write names: ActionId, or ActionTrackerId with OrderId; not both, not half. A tracker
    /// that is given but not a number counts as given (its own error says what is wrong with it).
    /// </summary>
    public static (string? ActionId, long? ActionTrackerId, string? OrderId) Identity(
        string? actionIdText, string? trackerText, string? orderIdText, List<(string, string)> errors)
    {
        var actionId = Text("ActionId", actionIdText, errors);
        var tracker = Integer("ActionTrackerId", trackerText, 1, long.MaxValue, errors);
        var trackerGiven = IsGiven(trackerText);
        var orderId = Text("OrderId", orderIdText, errors);
        if (actionId is not null && (trackerGiven || orderId is not null))
            errors.Add(("ActionId", "give either ActionId, or ActionTrackerId with OrderId, not both."));
        else if (actionId is null && !trackerGiven && orderId is null)
            errors.Add(("ActionId", "is required (or ActionTrackerId with OrderId)."));
        else if (actionId is null && !trackerGiven)
            errors.Add(("ActionTrackerId", "is required with OrderId."));
        else if (actionId is null && orderId is null)
            errors.Add(("OrderId", "is required with ActionTrackerId."));
        return (actionId, tracker, orderId);
    }

    public static string? Text(string field, string? text, List<(string, string)> errors)
    {
        if (!IsGiven(text)) return null;
        var value = text!.Trim();
        if (value.Length > MaxStringLength) errors.Add((field, $"is {value.Length} characters; the API takes at most {MaxStringLength}."));
        return value;
    }

    public static long? Integer(string field, string? text, long min, long max, List<(string, string)> errors)
    {
        if (!IsGiven(text)) return null;
        var value = text!.Trim();
        if (value.StartsWith("-", StringComparison.Ordinal) && IntegerText.IsMatch(value.Substring(1)) && min >= 0)
        {
            errors.Add((field, $"'{value}' is negative; it must be {min} or more."));
            return null;
        }
        if (!IntegerText.IsMatch(value))
        {
            errors.Add((field, $"'{value}' is not a whole number."));
            return null;
        }
        var digits = value.TrimStart('+').TrimStart('0');
        if (digits.Length > MaxIntegerDigits)
        {
            errors.Add((field, $"'{value}' has more than {MaxIntegerDigits} digits."));
            return null;
        }
        var number = long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (number < min || number > max)
        {
            errors.Add((field, $"{number} is out of range ({min} to {max})."));
            return null;
        }
        return number;
    }

    public static decimal? Decimal(string field, string? text, bool allowNegative, List<(string, string)> errors)
    {
        if (!IsGiven(text)) return null;
        var value = text!.Trim();
        if (DecimalCommaText.IsMatch(value))
        {
            errors.Add((field, $"'{value}' has a decimal comma; write it with a point ({value.Replace(',', '.')})."));
            return null;
        }
        if (!DecimalText.IsMatch(value))
        {
            errors.Add((field, $"'{value}' is not a number."));
            return null;
        }
        var parts = value.TrimStart('+', '-').Split('.');
        if (parts.Length == 2 && parts[1].Length > 2)
        {
            errors.Add((field, $"'{value}' has {parts[1].Length} decimal places; the API takes at most 2."));
            return null;
        }
        if (parts[0].TrimStart('0').Length > MaxDecimalIntegerDigits)
        {
            errors.Add((field, $"'{value}' has more than {MaxDecimalIntegerDigits} digits before the point."));
            return null;
        }
        var number = decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (number < 0 && !allowNegative)
        {
            errors.Add((field, $"'{value}' is negative."));
            return null;
        }
        return number;
    }
}
