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

    /// <summary>One pipeline object as a write reads it: null for a blank row (passed over, with a verbose line).</summary>
    public PipelineRow? Read(PSObject? input, long row, string? actionId, string? trackerId, string? orderId)
    {
        if (input is not null && RowColumns.IsBlank(input))
        {
            _cmdlet.WriteVerbose($"Row {row} is blank (no cell holds anything); it is passed over.");
            return null;
        }
        var own = RowColumns.IsOwnObject(input);
        var id = string.IsNullOrEmpty(actionId) ? input?.BaseObject as string : actionId;
        // The module's own objects are named by their ActionId, and give back none of their listed values.
        var byActionId = own && !string.IsNullOrEmpty(id);
        return new PipelineRow(this, own, id, byActionId ? null : trackerId, byActionId ? null : orderId, Problems(input));
    }

    /// <summary>A change field's value for this object: from the command line only, for the module's own objects.</summary>
    public string? Change(string parameter, string? value, bool own) => own && !_fromCommandLine.Contains(parameter) ? null : value;

    private IReadOnlyList<(string Field, string Clause)> Problems(PSObject? input) =>
        input is null ? Array.Empty<(string, string)>() : _columns.Problems(input, _cmdlet.WriteWarning);
}

/// <summary>A pipeline object read: its identity, whether it is one of the module's own objects, and what its columns got wrong.</summary>
internal sealed class PipelineRow
{
    private readonly PipelineRows _rows;

    public PipelineRow(PipelineRows rows, bool own, string? actionId, string? actionTrackerId, string? orderId, IReadOnlyList<(string Field, string Clause)> problems)
    {
        _rows = rows;
        Own = own;
        ActionId = actionId;
        ActionTrackerId = actionTrackerId;
        OrderId = orderId;
        Problems = problems;
    }

    public bool Own { get; }
    public string? ActionId { get; }
    public string? ActionTrackerId { get; }
    public string? OrderId { get; }
    public IReadOnlyList<(string Field, string Clause)> Problems { get; }

    /// <summary>A change field's value: from the command line only, for the module's own objects.</summary>
    public string? Change(string parameter, string? value) => _rows.Change(parameter, value, Own);
}
