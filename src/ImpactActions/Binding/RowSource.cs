using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ImpactActions.Binding;

/// <summary>
/// The row as the user gave it, for a result's Source and an error record's TargetObject. A CSV row or a
/// hashtable is copied cell by cell, values untouched (the user's own object is never changed); anything
/// else (a value from the command line, an ActionId string, the module's own objects) is the fields the
/// row was bound with. It is its cells in ConvertTo-Json and reads as "Name=value; …" wherever it becomes
/// text: an Export-Csv column, a table cell, a string.
/// </summary>
internal static class RowSource
{
    public const string TypeName = "ImpactActions.RowSource";

    private static readonly PSCodeMethod AsText = new("ToString", typeof(RowSource).GetMethod(nameof(Text))!);

    public static PSObject Of(PSObject? given, IEnumerable<KeyValuePair<string, object?>> bound)
    {
        var source = new PSObject();
        foreach (var (name, value) in Cells(given) ?? bound.Where(field => field.Value is not null).Select(field => (field.Key, field.Value)))
            source.Properties.Add(new PSNoteProperty(name, value));
        source.Methods.Add(AsText);
        source.TypeNames.Insert(0, TypeName);
        return source;
    }

    /// <summary>The text of a source: its cells as "Name=value", in order, separated by "; ".</summary>
    public static string Text(PSObject instance) =>
        string.Join("; ", instance.Properties.Select(cell => $"{cell.Name}={LanguagePrimitives.ConvertTo<string>(cell.Value)}"));

    private static List<(string Name, object? Value)>? Cells(PSObject? given) => given?.BaseObject switch
    {
        PSCustomObject => given.Properties.Where(p => p.IsGettable).Select(p => (p.Name, Unwrapped(p.Value))).ToList(),
        IDictionary table => table.Keys.Cast<object>().Select(key => (key?.ToString() ?? "", Unwrapped(table[key!]))).ToList(),
        _ => null,
    };

    private static object? Unwrapped(object? value) => value is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : value;
}
