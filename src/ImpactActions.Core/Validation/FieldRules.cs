using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ImpactActions.Core.Validation;

/// <summary>
/// The API's request limits applied to text as users supply it (docs/api-reference.md, [CAPTURES]:
/// strings at most 255 characters; decimals 8 digits with 2 decimal places; integers at most 16
/// digits). An empty or blank value means "not given", never zero. Each problem is added as a
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

    /// <summary>The shape of every ActionId the pages show ("1000.4636.158133"): campaign, tracker, sequence.</summary>
    private static readonly Regex ActionIdText = new(@"^[0-9]+\.[0-9]+\.[0-9]+$", RegexOptions.CultureInvariant);

    /// <summary>A code: letters, digits and underscores (custom codes may differ in case), as every documented code is written.</summary>
    private static readonly Regex CodeText = new("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant);

    public static bool IsGiven(string? text) => !string.IsNullOrWhiteSpace(text);

    /// <summary>One sentence from a row's clauses: the first problem, then the others after semicolons.</summary>
    public static string Sentence(IEnumerable<string> clauses) => string.Join("; ", clauses) + ".";

    /// <summary>
    /// The action a write names: ActionId, or ActionTrackerId with OrderId, or both (then the write is checked
    /// against the action's own record before it is sent: one rule for every cmdlet). Not half: a tracker
    /// without an order, or the other way. A tracker that is given but not a number counts as given (its own
    /// clause says what is wrong with it).
    /// </summary>
    public static (string? ActionId, long? ActionTrackerId, string? OrderId) Identity(
        string? actionIdText, string? trackerText, string? orderIdText, List<(string, string)> errors)
    {
        var actionId = Token("ActionId", actionIdText, errors);
        if (actionId is not null && actionId.Length <= MaxStringLength && !ActionIdText.IsMatch(actionId))
            errors.Add(("ActionId", $"ActionId '{actionId}' is not an impact.com ActionId, which reads like 1000.2240.158133"));
        var tracker = Whole("ActionTrackerId", trackerText, 1, long.MaxValue, errors);
        var trackerGiven = IsGiven(trackerText);
        var orderId = Token("OrderId", orderIdText, errors);
        if (actionId is null && !trackerGiven && orderId is null)
            errors.Add(("ActionId", "ActionId is missing, and so are ActionTrackerId and OrderId, one of which names the action"));
        else if (!trackerGiven && orderId is not null)
            errors.Add(("ActionTrackerId", "ActionTrackerId is missing, and OrderId names an action only together with it"));
        else if (trackerGiven && orderId is null)
            errors.Add(("OrderId", "OrderId is missing, and ActionTrackerId names an action only together with it"));
        return (actionId, tracker, orderId);
    }

    /// <summary>
    /// Free text (an ItemName, a Category, a CustomerStatus): sent exactly as given, never trimmed. Refused
    /// when it holds a mark a file read in the wrong encoding leaves (<see cref="MisreadText"/>), or is longer than the API takes.
    /// </summary>
    public static string? Text(string field, string? text, List<(string, string)> errors)
    {
        if (!IsGiven(text)) return null;
        Check(field, text!, errors);
        return text;
    }

    /// <summary>An identifier or a code (ActionId, OrderId, Sku, Reason): the spaces around it are not part of it and are dropped.</summary>
    public static string? Token(string field, string? text, List<(string, string)> errors)
    {
        if (!IsGiven(text)) return null;
        var value = text!.Trim();
        Check(field, value, errors);
        return value;
    }

    /// <summary>Whether a given value loses spaces around it when read: the verbose stream says so.</summary>
    public static bool IsTrimmed(string? text) => IsGiven(text) && text!.Trim().Length != text.Length;

    private static void Check(string field, string value, List<(string, string)> errors)
    {
        if (MisreadText.Problem(field, value) is { } misread) errors.Add((field, misread));
        var length = Characters(value);
        if (length > MaxStringLength) errors.Add((field, $"{field} is {length} characters long, and the API takes at most {MaxStringLength}"));
    }

    /// <summary>Characters as the API is taken to count them: Unicode code points (an emoji is one, not two UTF-16 units).</summary>
    public static int Characters(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            count++;
        }
        return count;
    }

    /// <summary>A whole number; "2.00" is 2, as a spreadsheet may write it; 1.000 and 1,000 are refused as ambiguous.</summary>
    public static long? Whole(string field, string? text, long min, long max, List<(string, string)> errors) =>
        IsGiven(text) ? NumberText.Whole(field, text!.Trim(), min, max, errors) : null;

    /// <summary>A decimal with a point and at most two decimals; a decimal comma or thousands separators are refused with what to write.</summary>
    public static decimal? Decimal(string field, string? text, bool allowNegative, List<(string, string)> errors) =>
        IsGiven(text) ? NumberText.Decimal(field, text!.Trim(), allowNegative, errors) : null;

    /// <summary>
    /// A code from an open list ([ACTIONS]: "Default reason codes", "Custom disposition codes may be used
    /// if configured"): a documented one matched in any case is sent as documented; another with a
    /// code's shape is sent exactly as written, and <paramref name="unknown"/> says so.
    /// </summary>
    public static string? Code(string field, string? text, IReadOnlyList<string> known, List<(string, string)> errors, out bool unknown)
    {
        unknown = false;
        var value = Token(field, text, errors);
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
