using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace ImpactActions.Core.Json;

/// <summary>
/// Reads a value that the API may send as a string, a number, "" or null (api-facts.md: every
/// published example sends numbers as strings, an older one bare numbers). Numbers are parsed
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

    public static int? Int(ref Utf8JsonReader reader) => Long(ref reader) is { } value && value >= int.MinValue && value <= int.MaxValue ? (int)value : null;

    /// <summary>ISO 8601 with its offset kept, e.g. 2020-09-10T10:42:38-07:00.</summary>
    public static DateTimeOffset? Date(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length == 0) return null;
        return reader.TryGetDateTimeOffset(out var value) ? value : null;
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
