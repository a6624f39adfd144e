using System.Globalization;
using System.Text.RegularExpressions;
using ImpactActions.Core.Http;

namespace ImpactActions.Core.Writing;

/// <summary>Maps a field the API names in a refusal back to a row of the request: "Quantity2" is the second item.</summary>
internal static class RefusalFields
{
    private static readonly Regex IndexedField = new(@"^(?<name>[A-Za-z]+?)(?<index>[2-9]|[1-9][0-9]+)?$", RegexOptions.CultureInvariant);

    /// <summary>The field of the refusal that concerns the <paramref name="index"/>-th (1-based) of <paramref name="count"/> items, or null.</summary>
    public static string? For(ImpactApiException refusal, int index, int count)
    {
        foreach (var error in refusal.FieldErrors)
        {
            var match = IndexedField.Match(error.Field);
            if (!match.Success) return error.Field;
            var fieldIndex = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : 1;
            var name = match.Groups["name"].Value == "ItemSubTotalDelta" ? "Delta" : match.Groups["name"].Value;
            if (count == 1 || fieldIndex == index || name is "ActionId" or "ActionTrackerId" or "OrderId" or "Reason") return name;
        }
        return null;
    }
}
