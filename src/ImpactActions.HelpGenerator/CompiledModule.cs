using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;

namespace ImpactActions.HelpGenerator;

/// <summary>
/// One cmdlet as PowerShell sees it once it imports the built module: its parameter sets in Get-Command's
/// order, each with the line `Get-Command -Syntax` shows for it.
/// </summary>
public sealed record CompiledCmdlet(string Name, IReadOnlyList<CompiledParameterSet> ParameterSets)
{
    /// <summary>Every parameter the syntax shows, once, in the order it first appears.</summary>
    public IReadOnlyList<CompiledParameter> Parameters =>
        ParameterSets.SelectMany(s => s.Parameters).GroupBy(p => p.Name).Select(g => g.First()).ToList();
}

/// <summary>A parameter set: its syntax line (name first, `[&lt;CommonParameters&gt;]` last) and its parameters in that line's order.</summary>
public sealed record CompiledParameterSet(string Name, bool IsDefault, string Syntax, IReadOnlyList<CompiledParameter> Parameters);

/// <summary>
/// A parameter in one set, as the syntax line shows it and the binder takes it. <see cref="ValueText"/> is the type
/// between the angle brackets of the syntax (`string`, `DateTimeOffset`, `psobject`), null for a switch;
/// <see cref="TypeName"/> is the .NET type a pipeline object binds to.
/// </summary>
public sealed record CompiledParameter(string Name, string? ValueText, string TypeName, bool Mandatory, int? Position,
    bool ByValue, bool ByPropertyName, IReadOnlyList<string> Aliases)
{
    public bool IsSwitch => ValueText is null;
}

/// <summary>Imports the built module through its manifest in a runspace of this process and reads Get-Command's view of it.</summary>
public static class CompiledModule
{
    public static IReadOnlyList<CompiledCmdlet> Read(string manifest)
    {
        // CreateDefault2: Microsoft.PowerShell.Core only, which has Import-Module and Get-Command; no console needed.
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("PassThru").AddParameter("ErrorAction", "Stop");
        var module = shell.Invoke().Select(o => o.BaseObject).OfType<PSModuleInfo>().Single();
        return module.ExportedCmdlets.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(Read).ToList();
    }

    private static CompiledCmdlet Read(CmdletInfo cmdlet) =>
        new(cmdlet.Name, cmdlet.ParameterSets.Select(set => Read(cmdlet.Name, set)).ToList());

    /// <summary>
    /// The set's line is PowerShell's own (CommandParameterSetInfo.ToString, what Get-Command -Syntax prints); the
    /// parameters are read off it, so their order and their value text are the line's. A parameter the line does not
    /// show (the common parameters, folded into [&lt;CommonParameters&gt;]) is left out.
    /// </summary>
    private static CompiledParameterSet Read(string cmdlet, CommandParameterSetInfo set)
    {
        var line = set.ToString();
        var shown = new List<(int At, CompiledParameter Parameter)>();
        foreach (var parameter in set.Parameters)
        {
            var token = Regex.Match(line, $@"(?<=^|[\s\[])-{Regex.Escape(parameter.Name)}(?=[\s\]]|$)(?<value>\]? <(?<type>[^>]+)>)?");
            if (!token.Success) continue;
            shown.Add((token.Index, new CompiledParameter(parameter.Name,
                token.Groups["type"].Success ? token.Groups["type"].Value : null,
                TypeName(parameter.ParameterType),
                parameter.IsMandatory,
                parameter.Position == int.MinValue ? null : parameter.Position,
                parameter.ValueFromPipeline,
                parameter.ValueFromPipelineByPropertyName,
                parameter.Aliases.ToList())));
        }
        return new CompiledParameterSet(set.Name, set.IsDefault, (cmdlet + " " + line).TrimEnd(), shown.OrderBy(s => s.At).Select(s => s.Parameter).ToList());
    }

    /// <summary>A type as INPUTS names it: System.String[], not Nullable`1[[…]] for an optional date.</summary>
    private static string TypeName(Type type) => (Nullable.GetUnderlyingType(type) ?? type).FullName ?? type.Name;
}
