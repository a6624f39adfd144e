using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImpactActions.Core.Validation;

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
