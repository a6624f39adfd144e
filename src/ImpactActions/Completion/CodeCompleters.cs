using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImpactActions.Core.Validation;
using ImpactActions.Session;

namespace ImpactActions.Completion;

/// <summary>Tab completion from a documented code list; values outside it are still accepted where the API allows them.</summary>
public abstract class CodeCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Codes { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        return Codes.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue, c));
    }
}

public sealed class StateCompleter : CodeCompleter
{
    protected override IEnumerable<string> Codes => ApiCodes.States;
}

public sealed class ReasonCompleter : CodeCompleter
{
    protected override IEnumerable<string> Codes => ApiCodes.Reasons;
}

/// <summary>Set-ImpactActionItem: the one reason an item update takes.</summary>
public sealed class ItemReasonCompleter : CodeCompleter
{
    protected override IEnumerable<string> Codes => new[] { ApiCodes.DefaultItemReason };
}

/// <summary>Undo-ImpactAction: the documented reversal codes.</summary>
public sealed class DispositionCodeCompleter : CodeCompleter
{
    protected override IEnumerable<string> Codes => ApiCodes.DispositionCodes;
}

/// <summary>Set-ImpactAction: ORDER_UPDATE, the documented default for updating an action.</summary>
public sealed class UpdateDispositionCodeCompleter : CodeCompleter
{
    protected override IEnumerable<string> Codes => new[] { ApiCodes.DefaultDispositionCode };
}

/// <summary>
/// Set-ImpactAction -CustomerStatus: the API's own examples (NEW, EXISTING), then every customer status seen on the
/// actions this session listed, in the order first seen. No request is made: an account's statuses are its own
/// configuration, and completing a word must not spend the request budget.
/// </summary>
public sealed class CustomerStatusCompleter : IArgumentCompleter
{
    /// <summary>The examples the API's page gives ("e.g., NEW, EXISTING").</summary>
    private static readonly string[] Documented = { "NEW", "EXISTING" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = SessionValues.Typed(wordToComplete);
        return Documented.Concat(SessionValues.Seen()?.CustomerStatuses ?? Array.Empty<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(status => status.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(status => new CompletionResult(SessionValues.Quoted(status), status, CompletionResultType.ParameterValue, status));
    }
}

/// <summary>
/// Get-ImpactAction -CampaignId: the campaigns of the actions this session listed, the id completed and the campaign's
/// name shown beside it; typing the start of a name finds it too. No request is made.
/// </summary>
public sealed class CampaignIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = SessionValues.Typed(wordToComplete);
        return (SessionValues.Seen()?.Campaigns ?? Array.Empty<(long Id, string? Name)>())
            .Select(c => (Id: c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name))
            .Where(c => c.Id.StartsWith(typed, StringComparison.Ordinal) || (c.Name?.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ?? false))
            .Select(c => new CompletionResult(c.Id, c.Name is null ? c.Id : $"{c.Id} ({c.Name})", CompletionResultType.ParameterValue, c.Name ?? c.Id));
    }
}

/// <summary>What the completers that read the session share.</summary>
internal static class SessionValues
{
    /// <summary>The session's values, or none outside a runspace (a completer called by a host without one).</summary>
    public static SeenOnActions? Seen() =>
        System.Management.Automation.Runspaces.Runspace.DefaultRunspace is null ? null : ImpactSession.Current.Seen;

    public static string Typed(string? wordToComplete) => (wordToComplete ?? "").Trim('\'', '"');

    /// <summary>A value as it can be typed: in single quotes when it holds a space or a character PowerShell reads otherwise.</summary>
    public static string Quoted(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.') ? value : "'" + value.Replace("'", "''") + "'";
}
