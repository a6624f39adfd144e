using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ImpactActions.Binding;

/// <summary>
/// How a write cmdlet reads each pipeline object, one rule for all of them: a CSV row binds by column (its
/// columns accounted for by <see cref="RowColumns"/>); a blank row is passed over; a string is an ActionId;
/// and the module's own objects (an action, an item, a row result) give only their identity, never their
/// listed values back: only what the user asked to change on the command line is sent for them.
/// </summary>
internal sealed class PipelineRows
{
    private readonly PSCmdlet _cmdlet;
    private readonly RowColumns _columns;
    private readonly HashSet<string> _fromCommandLine;

    /// <summary>Made in BeginProcessing, when the bound parameters are only those of the command line.</summary>
    public PipelineRows(PSCmdlet cmdlet)
    {
        _cmdlet = cmdlet;
        _columns = new RowColumns(cmdlet.MyInvocation.MyCommand);
        _fromCommandLine = new HashSet<string>(cmdlet.MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsBlank(PSObject? input) => input is not null && RowColumns.IsBlank(input);

    public static bool IsOwn(PSObject? input) => RowColumns.IsOwnObject(input);

    /// <summary>A string piped by value: an ActionId (<c>'1000.2240.1' | Undo-ImpactAction …</c>).</summary>
    public static string? Text(PSObject? input) => input?.BaseObject as string;

    /// <summary>A change field's value for this object: from the command line only, for the module's own objects.</summary>
    public string? Change(string parameter, string? value, bool own) => own && !_fromCommandLine.Contains(parameter) ? null : value;

    public IReadOnlyList<(string Field, string Clause)> Problems(PSObject? input) =>
        input is null ? Array.Empty<(string, string)>() : _columns.Problems(input, _cmdlet.WriteWarning);
}
