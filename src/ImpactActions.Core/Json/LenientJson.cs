using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace ImpactActions.Core.Json;

/// <summary>
/// Reads a value that the API may send as a string, a number, "" or null (docs/api-reference.md, [CAPTURES]:
/// every published example sends numbers as strings, an older one bare numbers). Numbers are parsed
/// from UTF-8 digits, so no culture is ever involved; an unreadable value is null, not an error.
/// </summary>
internal static class LenientJson
{
    public static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => NumberText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };

    public static decimal? Decimal(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out var number) ? number : null;
            case JsonTokenType.String:
                var span = Unescaped(ref reader, out var rented);
                try
                {
                    return span.Length > 0 && Utf8Parser.TryParse(span, out decimal value, out var consumed) && consumed == span.Length ? value : null;
                }
                finally
                {
                    if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
                }
            default:
                return null;
        }
    }

    public static long? Long(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number) ? number : null;
            case JsonTokenType.String:
                var span = Unescaped(ref reader, out var rented);
                try
                {
                    return span.Length > 0 && Utf8Parser.TryParse(span, out long value, out var consumed) && consumed == span.Length ? value : null;
                }
                finally
                {
                    if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
                }
            default:
                return null;
        }
    }

    /// <summary>A whole number, also when written with a zero fraction ("2.00", 2.0), as a decimal field's text may be.</summary>
    public static int? Int(ref Utf8JsonReader reader)
    {
        var value = Long(ref reader) ?? (Decimal(ref reader) is { } d && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue ? (long)d : null);
        return value is { } v && v >= int.MinValue && v <= int.MaxValue ? (int)v : null;
    }

    /// <summary>
    /// ISO 8601 with its offset kept, e.g. 2020-09-10T10:42:38-07:00. A date the API sends without an
    /// offset ([ACTIONS] and [CAPTURES] show it always sends one) is read as UTC, never as this machine's local time.
    /// </summary>
    public static DateTimeOffset? Date(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length == 0) return null;
        if (!reader.HasValueSequence && !HasOffset(reader.ValueSpan))
            return reader.TryGetDateTime(out var unzoned) ? new DateTimeOffset(DateTime.SpecifyKind(unzoned, DateTimeKind.Utc)) : null;
        return reader.TryGetDateTimeOffset(out var value) ? value : null;
    }

    /// <summary>Ends in Z or ±hh:mm, the two offset forms ISO 8601 dates in JSON take.</summary>
    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        var length = text.Length;
        if (text[length - 1] is (byte)'Z' or (byte)'z') return true;
        return length > 16 && text[length - 6] is (byte)'+' or (byte)'-' && text[length - 3] == (byte)':';
    }

    private static string NumberText(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());

    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, out byte[]? rented)
    {
        rented = null;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return reader.ValueSpan;
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        rented = ArrayPool<byte>.Shared.Rent(length);
        var written = reader.CopyString(rented);
        return new ReadOnlySpan<byte>(rented, 0, written);
    }
}
