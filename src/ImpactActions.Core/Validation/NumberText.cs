using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ImpactActions.Core.Validation;

/// <summary>
/// Numbers as users write them in CSVs, read only where they have one reading. The API takes a point as
/// the decimal mark and no grouping (the request limits, [CAPTURES]); a spreadsheet from another locale
/// writes 1.000 or 1,000 for a thousand, 2,50 for two and a half. Anything that could mean two numbers
/// is refused, and the clause names each reading, in figures and in words, and what to write instead.
/// </summary>
internal static class NumberText
{
    private static readonly Regex Plain = new(@"^[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex PointDecimals = new(@"^[0-9]+\.[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex DotGroups = new(@"^[0-9]{1,3}(\.[0-9]{3})+$", RegexOptions.CultureInvariant);
    private static readonly Regex CommaGroups = new(@"^[0-9]{1,3}(,[0-9]{3})+$", RegexOptions.CultureInvariant);
    private static readonly Regex CommaDecimals = new(@"^[0-9]+,[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex GermanForm = new(@"^[0-9]{1,3}(\.[0-9]{3})+,[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex EnglishForm = new(@"^[0-9]{1,3}(,[0-9]{3})+\.[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex SpaceGroups = new(@"^[0-9]{1,3}([ '\u00a0\u202f][0-9]{3})+([.,][0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex CurrencySign = new(@"^[$€£¥]\s*|\s*[$€£¥]$|^(USD|EUR|GBP)\s+|\s+(USD|EUR|GBP)$", RegexOptions.CultureInvariant);

    /// <summary>A whole number ("2", "2.0" and "2.00" are 2, as a spreadsheet may write it), or null with a clause in <paramref name="errors"/>.</summary>
    public static long? Whole(string field, string value, long min, long max, List<(string, string)> errors)
    {
        var (negative, body) = Sign(value);
        string? digits = null;
        if (Plain.IsMatch(body)) digits = body;
        else if (PointDecimals.IsMatch(body) && body.Substring(body.IndexOf('.') + 1).Trim('0').Length == 0 && body.Length - body.IndexOf('.') - 1 <= 2)
            digits = body.Substring(0, body.IndexOf('.'));
        if (digits is null)
        {
            errors.Add((field, WholeProblem(field, value, body, negative)));
            return null;
        }
        if (digits.TrimStart('0').Length > FieldRules.MaxIntegerDigits)
        {
            errors.Add((field, $"{field} '{value}' has more than {FieldRules.MaxIntegerDigits} digits"));
            return null;
        }
        var number = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * (negative ? -1 : 1);
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

    /// <summary>A decimal written with a point and at most two decimals, or null with a clause in <paramref name="errors"/>.</summary>
    public static decimal? Decimal(string field, string value, bool allowNegative, List<(string, string)> errors)
    {
        var (negative, body) = Sign(value);
        if (!Plain.IsMatch(body) && !PointDecimals.IsMatch(body))
        {
            errors.Add((field, DecimalProblem(field, value, body, negative)));
            return null;
        }
        var parts = body.Split('.');
        if (parts.Length == 2 && parts[1].Length > FieldRules.MaxDecimalPlaces)
        {
            errors.Add((field, DotGroups.IsMatch(body)
                ? $"{field} '{value}' reads as {Signed(negative, Money(Grouped(body, '.')))} ({SignedWords(negative, Grouped(body, '.'))}) where a dot separates thousands, and as {Signed(negative, body)} elsewhere, which has {parts[1].Length} decimals where the API takes at most {FieldRules.MaxDecimalPlaces}; write it with a point and no separators, such as {Signed(negative, Money(Grouped(body, '.')))}"
                : $"{field} '{value}' has {parts[1].Length} decimal places, and the API takes at most {FieldRules.MaxDecimalPlaces}"));
            return null;
        }
        if (parts[0].TrimStart('0').Length > FieldRules.MaxDecimalDigits - FieldRules.MaxDecimalPlaces)
        {
            errors.Add((field, $"{field} '{value}' is too large: the API takes {FieldRules.MaxDecimalDigits} digits with {FieldRules.MaxDecimalPlaces} after the point, at most 999999.99"));
            return null;
        }
        var number = decimal.Parse(body, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * (negative ? -1 : 1);
        if (number < 0 && !allowNegative)
        {
            errors.Add((field, $"{field} '{value}' is negative, and it must be 0 or more"));
            return null;
        }
        return number;
    }

    private static (bool Negative, string Body) Sign(string value) =>
        value.StartsWith("-", StringComparison.Ordinal) ? (true, value.Substring(1)) : value.StartsWith("+", StringComparison.Ordinal) ? (false, value.Substring(1)) : (false, value);

    /// <summary>Dashes that look like a minus (U+2212 minus, en and em dashes, the full-width and small hyphen-minus) where the API reads only "-".</summary>
    private static readonly Regex LookalikeMinus = new("^[\u2012\u2013\u2014\u2212\uFE63\uFF0D]", RegexOptions.CultureInvariant);

    /// <summary>A number that starts with a dash other than the hyphen-minus, as word processors and spreadsheets write it: named, with what to write.</summary>
    private static string? Minus(string field, string value, string body) =>
        LookalikeMinus.IsMatch(body)
            ? $"{field} '{value}' starts with U+{(int)body[0]:X4}, a dash that looks like a minus, and the API reads only the hyphen-minus '-'; write -{body.Substring(1)}"
            : null;

    private static string WholeProblem(string field, string value, string body, bool negative)
    {
        if (Minus(field, value, body) is { } minus) return minus;
        if (DotGroups.IsMatch(body) || CommaGroups.IsMatch(body))
        {
            var mark = DotGroups.IsMatch(body) ? '.' : ',';
            var grouped = Grouped(body, mark);
            if (body.IndexOf(mark) != body.LastIndexOf(mark))
                return $"{field} '{value}' reads as {Signed(negative, grouped.ToString(CultureInfo.InvariantCulture))} ({SignedWords(negative, grouped)}) written with thousands separators; write the whole number alone, such as {Signed(negative, grouped.ToString(CultureInfo.InvariantCulture))}";
            var otherReading = decimal.Parse(body.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var small = otherReading == decimal.Truncate(otherReading)
                ? $"{Signed(negative, ((long)otherReading).ToString(CultureInfo.InvariantCulture))} ({SignedWords(negative, (long)otherReading)})"
                : $"{Signed(negative, otherReading.ToString("0.##########", CultureInfo.InvariantCulture))}, which is not a whole number";
            return $"{field} '{value}' reads as {Signed(negative, grouped.ToString(CultureInfo.InvariantCulture))} ({SignedWords(negative, grouped)}) where a {Name(mark)} separates thousands, and as {small} where it is the decimal mark; write the whole number alone, such as {Signed(negative, grouped.ToString(CultureInfo.InvariantCulture))}";
        }
        if (CommaDecimals.IsMatch(body))
        {
            var point = body.Replace(',', '.');
            var reading = decimal.Parse(point, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return reading == decimal.Truncate(reading)
                ? $"{field} '{value}' has a decimal comma; write {Signed(negative, ((long)reading).ToString(CultureInfo.InvariantCulture))}"
                : $"{field} '{value}' has a decimal comma, and {Signed(negative, point)} is not a whole number";
        }
        if (PointDecimals.IsMatch(body)) return $"{field} '{value}' is not a whole number";
        return Separators(field, value, body, negative) ?? $"{field} '{value}' is not a whole number";
    }

    private static string DecimalProblem(string field, string value, string body, bool negative)
    {
        if (Minus(field, value, body) is { } minus) return minus;
        if (CommaGroups.IsMatch(body))
        {
            var grouped = Grouped(body, ',');
            return $"{field} '{value}' reads as {Signed(negative, Money(grouped))} ({SignedWords(negative, grouped)}) where a comma separates thousands, and as {Signed(negative, body.Replace(',', '.'))} where it is the decimal mark; write it with a point and no separators, such as {Signed(negative, Money(grouped))}";
        }
        if (CommaDecimals.IsMatch(body))
        {
            var point = body.Replace(',', '.');
            return point.Length - point.IndexOf('.') - 1 <= FieldRules.MaxDecimalPlaces
                ? $"{field} '{value}' has a decimal comma, and the API reads only a point; write {Signed(negative, Money(decimal.Parse(point, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)))}"
                : $"{field} '{value}' has a decimal comma, and the API reads only a point and at most {FieldRules.MaxDecimalPlaces} decimals";
        }
        return Separators(field, value, body, negative) ?? $"{field} '{value}' is not a number";
    }

    /// <summary>Thousands separators with a decimal mark (German, English, spaced) and currency signs: one reading, said in full.</summary>
    private static string? Separators(string field, string value, string body, bool negative)
    {
        var match = GermanForm.Match(body) is { Success: true } german ? (Whole: german.Value.Substring(0, german.Value.LastIndexOf(',')), Fraction: german.Value.Substring(german.Value.LastIndexOf(',') + 1))
            : EnglishForm.Match(body) is { Success: true } english ? (Whole: english.Value.Substring(0, english.Value.LastIndexOf('.')), Fraction: english.Value.Substring(english.Value.LastIndexOf('.') + 1))
            : SpaceGroups.Match(body) is { Success: true } spaced ? (Whole: spaced.Groups[2].Success ? spaced.Value.Substring(0, spaced.Groups[2].Index) : spaced.Value, Fraction: spaced.Groups[2].Success ? spaced.Groups[2].Value.Substring(1) : "")
            : (Whole: (string?)null, Fraction: "");
        if (match.Whole is { } whole)
        {
            var digits = new string(Array.FindAll(whole.ToCharArray(), char.IsDigit));
            var figure = digits + (match.Fraction.Length > 0 ? "." + match.Fraction : "");
            var number = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            return $"{field} '{value}' reads as {Signed(negative, figure)} ({SignedWords(negative, number)}{(match.Fraction.Trim('0').Length > 0 ? " and a fraction" : "")}) written with thousands separators; write it with a point and no separators, such as {Signed(negative, figure)}";
        }
        var bare = CurrencySign.Replace(body, "");
        if (bare != body && (Plain.IsMatch(bare) || PointDecimals.IsMatch(bare)))
            return $"{field} '{value}' has a currency sign or code; write the number alone, such as {Signed(negative, bare)}";
        return null;
    }

    /// <summary>A figure with the sign the value was written with: a remedy must not turn a return into an increase.</summary>
    private static string Signed(bool negative, string figure) => negative ? "-" + figure : figure;

    private static string SignedWords(bool negative, long number) => negative ? "minus " + Words(number) : Words(number);

    private static long Grouped(string body, char mark) => long.Parse(body.Replace(mark.ToString(), ""), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Name(char mark) => mark == '.' ? "dot" : "comma";

    /// <summary>A whole number in English words: 1500 is "one thousand five hundred".</summary>
    public static string Words(long number)
    {
        if (number == 0) return "zero";
        if (number < 0) return "minus " + Words(-number);
        var parts = new List<string>();
        foreach (var (scale, name) in new[] { (1_000_000_000_000L, "trillion"), (1_000_000_000L, "billion"), (1_000_000L, "million"), (1_000L, "thousand"), (1L, "") })
        {
            var group = number / scale % 1000;
            if (group == 0) continue;
            parts.Add(Hundreds((int)group) + (name.Length > 0 ? " " + name : ""));
        }
        return string.Join(" ", parts);
    }

    private static readonly string[] Ones =
    {
        "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    };

    private static readonly string[] Tens = { "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" };

    private static string Hundreds(int number)
    {
        var words = new List<string>();
        if (number >= 100) words.Add(Ones[number / 100] + " hundred");
        var rest = number % 100;
        if (rest >= 20) words.Add(Tens[rest / 10] + (rest % 10 > 0 ? "-" + Ones[rest % 10] : ""));
        else if (rest > 0) words.Add(Ones[rest]);
        return string.Join(" ", words);
    }
}
