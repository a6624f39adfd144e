using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ImpactActions.Core.Validation;

/// <summary>
/// The marks a file read in the wrong encoding leaves in its text, each with the Import-Csv -Encoding that reads it
/// right: U+FFFD (bytes the reader could not decode), C1 control characters (a Windows-1252 file read as Latin1), UTF-8
/// read as Windows-1252 (what Windows PowerShell 5.1 does to a file without a byte-order mark: "CafÃ©"), and other
/// control characters, which no text of an action carries.
/// </summary>
internal static class MisreadText
{
    /// <summary>The characters Windows-1252 puts at 0x80–0x9F, by the byte; Latin1 has C1 controls there.</summary>
    private static readonly Dictionary<char, byte> Windows1252High = Build("€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why the text looks misread, as the clause of a row error, or null.</summary>
    public static string? Problem(string field, string value)
    {
        if (value.IndexOf('\uFFFD') >= 0)
            return $"{field} '{value}' holds U+FFFD, the replacement character a file read in another encoding leaves, so it would reach the account garbled: read the file with Import-Csv -Encoding and its encoding (a Windows-1252 Excel export: -Encoding 1252 in PowerShell 7, -Encoding Default in Windows PowerShell 5.1)";
        if (AsUtf8ReadAsWindows1252(value) is { } meant)
            return $"{field} '{value}' reads as '{meant}' when its characters are taken for UTF-8 bytes: the file looks UTF-8 read in another encoding (Windows PowerShell 5.1 reads a file without a byte-order mark so), and it would reach the account garbled: read it with Import-Csv -Encoding UTF8";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                return $"{field} holds half of a character ({Code(c)}), as text cut in the middle of an emoji leaves it, and it would reach the account as U+FFFD: correct the text";
            if (c >= '\u0080' && c <= '\u009F')
                return $"{field} '{value}' holds {Code(c)}, a control character a Windows-1252 file read as Latin1 leaves where it has ’, – or €: read the file with Import-Csv -Encoding 1252 in PowerShell 7 (-Encoding Default in Windows PowerShell 5.1)";
            if ((c < ' ' && c != '\t') || c == '\u007F')
                return $"{field} holds the control character {Code(c)}, which no text of an action carries: remove it from the file";
        }
        return null;
    }

    /// <summary>
    /// The text its characters would make as UTF-8 bytes, when every character is one Windows-1252 (or Latin1) writes as a
    /// byte, the bytes are valid UTF-8 with at least one character beyond ASCII, and so they read differently: else null.
    /// </summary>
    private static string? AsUtf8ReadAsWindows1252(string value)
    {
        var bytes = new byte[value.Length];
        var high = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < '\u0100') bytes[i] = (byte)c;
            else if (Windows1252High.TryGetValue(c, out var b)) bytes[i] = b;
            else return null;
            high |= bytes[i] >= 0x80;
        }
        if (!high) return null;
        // UTF-8 read as 1252 shows its lead bytes as Â, Ã (two-byte characters of Latin-1) or â, ã, ð… (three and four
        // bytes: ’, €, emoji); a capital letter such as É, Ø or Ä before a symbol (NESCAFÉ®) is text as written.
        foreach (var b in bytes)
            if (b >= 0xC0 && b < 0xE0 && b != 0xC2 && b != 0xC3) return null;
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text == value ? null : text;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Code(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static Dictionary<char, byte> Build(string high)
    {
        var map = new Dictionary<char, byte>();
        for (var i = 0; i < high.Length; i++)
            if (high[i] != '\0') map[high[i]] = (byte)(0x80 + i);
        return map;
    }
}
