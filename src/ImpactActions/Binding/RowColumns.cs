using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using ImpactActions.Core.Records;
using ImpactActions.Core.Writing;

namespace ImpactActions.Binding;

/// <summary>
/// Accounts for every column a piped row carries, for one write cmdlet: a column that binds (a parameter's
/// name or alias, in any case) is read; one that is close to a column the cmdlet reads (case, spaces,
/// underscores, a letter off, a common abbreviation) is a row error naming it and what it likely meant, since
/// the change it carries would otherwise be lost; a column of a listing (Get-ImpactAction, Get-ImpactActionItem)
/// that the cmdlet does not send makes the row an export of that listing, a row error: the export's listed
/// Quantity or Amount would go back as it was read and undo whatever changed since, and the cmdlet cannot tell
/// an edited cell from a listed one; a property of a row result or a submission passes quietly; any other
/// column is named in one warning per run. Two columns that bind to one parameter with different values are a
/// row error too.
/// </summary>
internal sealed class RowColumns
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["qty"] = "Quantity", ["quant"] = "Quantity", ["units"] = "Quantity", ["qtychange"] = "QuantityChange", ["quantitydelta"] = "QuantityChange",
        ["qtydelta"] = "QuantityChange", ["amt"] = "Amount", ["price"] = "Amount", ["saleprice"] = "Amount", ["subtotaldelta"] = "Delta",
        ["amountdelta"] = "Delta", ["amtdelta"] = "Delta", ["tracker"] = "ActionTrackerId", ["trackerid"] = "ActionTrackerId",
        ["eventtype"] = "ActionTrackerId", ["eventtypeid"] = "ActionTrackerId", ["order"] = "OrderId", ["ordernumber"] = "OrderId",
        ["orderno"] = "OrderId", ["action"] = "ActionId", ["actionno"] = "ActionId", ["product"] = "Sku", ["productcode"] = "Sku",
        ["item"] = "Sku", ["itemid"] = "Sku", ["name"] = "ItemName", ["productname"] = "ItemName", ["cat"] = "Category", ["discount"] = "Rebate",
        ["disposition"] = "DispositionCode", ["status"] = "CustomerStatus", ["reasoncode"] = "Reason",
        ["amountchange"] = "Delta", ["newamount"] = "Amount", ["unitprice"] = "Amount", ["newquantity"] = "Quantity", ["newqty"] = "Quantity",
        ["qtyreturned"] = "QuantityChange", ["returnedqty"] = "QuantityChange", ["quantityreturned"] = "QuantityChange", ["rebateamount"] = "Rebate",
    };

    /// <summary>Properties of the listings' records: a column of one that a cmdlet does not send marks an export of a listing.</summary>
    private static readonly HashSet<string> ListedProperties = PropertiesOf(typeof(ImpactAction), typeof(ImpactActionItem));

    /// <summary>Properties of row results and submissions: they pass quietly when an export of them is piped back, and change nothing.</summary>
    private static readonly HashSet<string> ResultProperties = PropertiesOf(typeof(RowResult), typeof(ImpactSubmission));

    /// <summary>The columns that name an action or an item rather than change it.</summary>
    private static readonly HashSet<string> IdentityColumns = new(new[] { "Id", "ActionId", "ActionTrackerId", "OrderId", "Oid", "Sku" }, StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> PropertiesOf(params Type[] types) =>
        new(types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)).Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

    private readonly string _command;
    private readonly Dictionary<string, string> _binds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _namesOf = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _warned = new(StringComparer.OrdinalIgnoreCase);

    public RowColumns(CommandInfo command)
    {
        _command = command.Name;
        foreach (var parameter in command.Parameters.Values)
        {
            if (!parameter.Attributes.OfType<ParameterAttribute>().Any(a => a.ValueFromPipelineByPropertyName)) continue;
            var names = new List<string> { parameter.Name };
            names.AddRange(parameter.Aliases);
            _namesOf[parameter.Name] = names;
            foreach (var name in names) _binds[name] = parameter.Name;
        }
    }

    /// <summary>The module's own output objects (an action, an item, a row result): only their identity is read from them.</summary>
    public static bool IsOwnObject(object? input) => (input is PSObject o ? o.BaseObject : input) is ImpactAction or ImpactActionItem or RowResult;

    /// <summary>A row with no column holding anything (a line of commas a spreadsheet leaves at the end).</summary>
    public static bool IsBlank(PSObject row) =>
        row.BaseObject is PSCustomObject && row.Properties.Any() && row.Properties.All(p => p.Value is null || string.IsNullOrWhiteSpace(p.Value as string ?? p.Value.ToString()));

    /// <summary>What is wrong with the row's columns, as (field, clause) for its row error; warns once per run of columns it does not read.</summary>
    public IReadOnlyList<(string Field, string Clause)> Problems(PSObject row, Action<string> warn)
    {
        var problems = new List<(string, string)>();
        if (IsOwnObject(row) || row.BaseObject is string || row.BaseObject.GetType().IsPrimitive) return problems;
        var present = Columns(row);
        var unread = new List<string>();
        var listed = new List<string>();
        foreach (var column in present)
        {
            if (_binds.ContainsKey(column)) continue;
            if (Likely(column) is { } meant)
                problems.Add((column, $"Column '{column}' is not one {_command} reads, and it looks like {meant}: correct the column's name, since its values would otherwise not be sent"));
            else if (ResultProperties.Contains(column)) continue;
            else if (ListedProperties.Contains(column)) listed.Add(column);
            else if (LooksLikeAChange(column) is { } kind)
                problems.Add((column, $"Column '{column}' is not one {_command} reads, and it looks like {kind}: name it as a column {_command} reads, or remove it, since its values would otherwise not be sent"));
            else unread.Add(column);
        }
        if (listed.Count > 0) problems.Add((listed[0], ExportClause(row, present, listed)));
        foreach (var names in _namesOf.Values)
        {
            var given = names.Where(n => present.Contains(n, StringComparer.OrdinalIgnoreCase))
                .Select(n => (Name: n, Value: row.Properties[n]?.Value?.ToString()?.Trim() ?? "")).Where(g => g.Value.Length > 0).ToList();
            if (given.Select(g => g.Value).Distinct(StringComparer.Ordinal).Count() > 1)
                problems.Add((names[0], $"Columns {string.Join(" and ", given.Select(g => $"{g.Name} ('{g.Value}')"))} both give {names[0]}, with different values"));
        }
        var fresh = unread.Where(_warned.Add).ToList();
        if (fresh.Count > 0)
            warn($"{_command} does not read the column{(fresh.Count > 1 ? "s" : "")} {string.Join(", ", fresh)}; {(fresh.Count > 1 ? "they are" : "it is")} passed over.");
        return problems;
    }

    /// <summary>
    /// The columns of a row: every property of a PSCustomObject; of any other object (a DataRow from Invoke-Sqlcmd, an
    /// instance of a script's class, an object given NoteProperties) every property but those its .NET type declares in a
    /// compiled library, which are that type's own (a DataRow's RowState, Table, ItemArray), not the user's data.
    /// </summary>
    private static List<string> Columns(PSObject row)
    {
        if (row.BaseObject is PSCustomObject) return row.Properties.Select(p => p.Name).ToList();
        var type = row.BaseObject.GetType();
        var own = type.Assembly.IsDynamic
            ? new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        return row.Properties.Where(p => !own.Contains(p.Name)).Select(p => p.Name).ToList();
    }

    /// <summary>Why a row carrying a listing's columns is refused, naming them and the listed values it would send back.</summary>
    private string ExportClause(PSObject row, IEnumerable<string> present, List<string> listed)
    {
        var sentBack = present.Where(c => _binds.ContainsKey(c) && ListedProperties.Contains(c) && !IdentityColumns.Contains(c)
            && row.Properties[c]?.Value?.ToString() is { Length: > 0 } value && value.Trim().Length > 0).ToList();
        var shown = string.Join(", ", listed.Take(3)) + (listed.Count > 3 ? $" and {listed.Count - 3} more" : "");
        var clause = $"The row carries a listing's column{(listed.Count > 1 ? "s" : "")} {shown}, which {_command} does not send";
        if (sentBack.Count > 0)
            clause += $", so it looks like an export of the listing whose {string.Join(", ", sentBack)} would go back as listed, undoing any change made since";
        return clause + ": keep only the columns naming the action or item and the ones you change";
    }

    /// <summary>Words of a column that carries money, a quantity or a status: such a column is never passed over with a warning.</summary>
    private static readonly (string Word, string Kind)[] ChangeWords =
    {
        ("amount", "an amount"), ("price", "an amount"), ("total", "an amount"), ("refund", "an amount"), ("credit", "an amount"),
        ("adjust", "an amount"), ("cost", "an amount"), ("value", "an amount"), ("change", "a change"), ("delta", "a change"),
        ("qty", "a quantity"), ("quantit", "a quantity"), ("units", "a quantity"), ("returned", "a quantity"),
    };

    /// <summary>What an unread column looks like it carries (an amount, a quantity, a change, a status), or null.</summary>
    private string? LooksLikeAChange(string column)
    {
        var key = Normal(column);
        foreach (var (word, kind) in ChangeWords)
            if (key.Contains(word)) return kind;
        return key.Contains("status") && _namesOf.ContainsKey("CustomerStatus") ? "a status (CustomerStatus)" : null;
    }

    /// <summary>The parameter a column most likely meant, or null when it is not close to any.</summary>
    private string? Likely(string column)
    {
        var key = Normal(column);
        if (key.Length == 0) return null;
        foreach (var bind in _binds)
            if (Normal(bind.Key) == key) return bind.Value;
        if (Abbreviations.TryGetValue(key, out var abbreviated) && _namesOf.ContainsKey(abbreviated)) return abbreviated;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var bind in _binds)
        {
            var (name, parameter) = (bind.Key, bind.Value);
            var target = Normal(name);
            var allowed = target.Length >= 8 ? 2 : target.Length >= 4 ? 1 : 0;
            var distance = Distance(key, target);
            if (distance <= allowed && distance < bestDistance)
            {
                best = parameter;
                bestDistance = distance;
            }
        }
        // An indexed column of impact.com's batch file (Sku1, Quantity2): one row per item here.
        if (best is null && key.Length > 1 && char.IsDigit(key[key.Length - 1]))
            best = Likely(column.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'));
        return best;
    }

    private static string Normal(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Damerau-Levenshtein (optimal string alignment): a typo, a missing or doubled letter, two letters swapped.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
