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

public sealed class DispositionCodeCompleter : CodeCompleter
{
    protected override IEnumerable<string> Codes => ApiCodes.DispositionCodes;
}
