using System.Linq;

namespace ImpactActions.Core.Http;

/// <summary>
/// Whether a value can travel as one segment of a request's path on every runtime. Windows PowerShell's
/// Uri unescapes %2F into "/" and drops a segment's trailing dot, and every runtime resolves "." and ".."
/// segments: "A/B", "SKU." or ".." would be requested as another URL. A safe segment holds only letters,
/// digits, "-", "_", "~" and ".", and does not end in a dot.
/// </summary>
internal static class PathSegment
{
    public static bool IsSafe(string value) =>
        value.Length > 0 && value[value.Length - 1] != '.'
        && value.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '~' or '.');
}
