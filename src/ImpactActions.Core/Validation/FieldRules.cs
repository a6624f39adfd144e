using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ImpactActions.Core.Validation;

/// <summary>
/// The API's request limits applied to text as users supply it (api-facts.md, "Request limits":
/// "strings at most 255 characters; decimals 8 digits with 2 decimal places; integers at most 16
/// digits"). An empty or blank value means "not given", never zero. Each problem is added as a
/// clause that names its field ("Quantity '1.5' is not a whole number"); <see cref="Sentence"/>
/// joins a row's clauses into one sentence.
/// </summary>
internal static class FieldRules
{
    public const int MaxStringLength = 255;
    public const int MaxIntegerDigits = 16;

    /// <summary>"8 digits with 2 decimal places", read as 8 digits in all: at most 999999.99.</summary>
    public const int MaxDecimalDigits = 8;
    public const int MaxDecimalPlaces = 2;

    private static readonly Regex DecimalText = new(@"^[+-]?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex DecimalCommaText = new(@"^[+-]?[0-9]+,[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex IntegerText = new(@"^[+-]?[0-9]+(\.0+)?$", RegexOptions.CultureInvariant);

    /// <summary>The shape of every ActionId the pages show ("1000.4636.158133"): campaign, tracker, sequence.</summary>
    private static readonly Regex ActionIdText = new(@"^[0-9]+\.[0-9]+\.[0-9]+$", RegexOptions.CultureInvariant);

    /// <summary>A code: letters, digits and underscores (custom codes may differ in case), as every documented code is written.</summary>
    private static readonly Regex CodeText = new("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant);

    public static bool IsGiven(string? text) => !string.IsNullOrWhiteSpace(text);

    /// <summary>One sentence from a row's clauses: the first problem, then the others after semicolons.</summary>
    public static string Sentence(IEnumerable<string> clauses) => string.Join("; ", clauses) + ".";

    /// <summary>
    /// The action a write names: ActionId, or ActionTrackerId with OrderId; not both, not half. A tracker
    /// that is given but not a number counts as given (its own clause says what is wrong with it).
    /// </summary>
    public static (string? ActionId, long? ActionTrackerId, string? OrderId) Identity(
        string? actionIdText, string? trackerText, string? orderIdText, List<(string, string)> errors)
    {
        var actionId = Text("ActionId", actionIdText, errors);
        if (actionId is not null && actionId.Length <= MaxStringLength && !ActionIdText.IsMatch(actionId))
            errors.Add(("ActionId", $"ActionId '{actionId}' is not an impact.com ActionId, which reads like 1000.2240.158133"));
        var tracker = Integer("ActionTrackerId", trackerText, 1, long.MaxValue, errors);
        var trackerGiven = IsGiven(trackerText);
        var orderId = Text("OrderId", orderIdText, errors);
        if (actionId is not null && (trackerGiven || orderId is not null))
            errors.Add(("ActionId", "ActionId and ActionTrackerId/OrderId are both given, and an action is named by one or the other"));
        else if (actionId is null && !trackerGiven && orderId is null)
            errors.Add(("ActionId", "ActionId is missing, and so are ActionTrackerId and OrderId, one of which names the action"));
        else if (actionId is null && !trackerGiven)
            errors.Add(("ActionTrackerId", "ActionTrackerId is missing, and OrderId names an action only together with it"));
        else if (actionId is null && orderId is null)
            errors.Add(("OrderId", "OrderId is missing, and ActionTrackerId names an action only together with it"));
        return (actionId, tracker, orderId);
    }

    public static string? Text(string field, string? text, List<(string, string)> errors)
    {
        if (!IsGiven(text)) return null;
        var value = text!.Trim();
        if (value.Length > MaxStringLength) errors.Add((field, $"{field} is {value.Length} characters long, and the API takes at most {MaxStringLength}"));
        return value;
    }

    /// <summary>A whole number; "2.00" is 2, as a spreadsheet may write it.</summary>
    public static long? Integer(string field, string? text, long min, long max, List<(string, string)> errors)
    {
        if (!IsGiven(text)) return null;
        var value = text!.Trim();
        if (!IntegerText.IsMatch(value))
        {
            errors.Add((field, $"{field} '{value}' is not a whole number"));
            return null;
        }
        var whole = value.Split('.')[0];
        var digits = whole.TrimStart('+', '-').TrimStart('0');
        if (digits.Length > MaxIntegerDigits)
        {
            errors.Add((field, $"{field} '{value}' has more than {MaxIntegerDigits} digits"));
            return null;
        }
        var number = long.Parse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (number < min)
        {
            errors.Add((field, min == 0 ? $"{field} '{value}' is negative, and it must be 0 or more" : $"{field} '{value}' must be {min} or more"));
            return null;
        }
        if (number > max)
        {
            errors.Add((field, $"{field} '{value}' is larger than {max}"));
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
            errors.Add((field, $"{field} '{value}' has a decimal comma, and the API reads only a point ({value.Replace(',', '.')})"));
            return null;
        }
        if (!DecimalText.IsMatch(value))
        {
            errors.Add((field, $"{field} '{value}' is not a number"));
            return null;
        }
        var parts = value.TrimStart('+', '-').Split('.');
        if (parts.Length == 2 && parts[1].Length > MaxDecimalPlaces)
        {
            errors.Add((field, $"{field} '{value}' has {parts[1].Length} decimal places, and the API takes at most {MaxDecimalPlaces}"));
            return null;
        }
        if (parts[0].TrimStart('0').Length > MaxDecimalDigits - MaxDecimalPlaces)
        {
            errors.Add((field, $"{field} '{value}' is too large: the API takes {MaxDecimalDigits} digits with {MaxDecimalPlaces} after the point, at most 999999.99"));
            return null;
        }
        var number = decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (number < 0 && !allowNegative)
        {
            errors.Add((field, $"{field} '{value}' is negative, and it must be 0 or more"));
            return null;
        }
        return number;
    }

    /// <summary>
    /// A code from an open list (seed 001: "Default reason codes", "Custom disposition codes may be used
    /// if configured"): a documented one matched in any case is sent as documented; another with a
    /// code's shape is sent exactly as written, and <paramref name="unknown"/> says so.
    /// </summary>
    public static string? Code(string field, string? text, IReadOnlyList<string> known, List<(string, string)> errors, out bool unknown)
    {
        unknown = false;
        var value = Text(field, text, errors);
        if (value is null) return null;
        foreach (var code in known)
            if (string.Equals(code, value, StringComparison.OrdinalIgnoreCase)) return code;
        if (!CodeText.IsMatch(value))
        {
            errors.Add((field, $"{field} '{value}' is not a code, which is letters, digits and underscores such as {known[0]}"));
            return null;
        }
        unknown = true;
        return value;
    }
}
