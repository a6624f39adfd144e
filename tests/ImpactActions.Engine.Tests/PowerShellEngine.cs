using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.Engine.Tests;

/// <summary>
/// One runspace of the real PowerShell engine with the module imported through the repository-root
/// manifest, as `Import-Module ./ImpactActions.psd1` does after the README's build.
/// </summary>
public sealed class PowerShellEngine : IDisposable
{
    public static readonly string RepositoryRoot = FindRepositoryRoot();
    public static readonly string Manifest = Path.Combine(RepositoryRoot, "ImpactActions.psd1");

    private PowerShellEngine(Runspace runspace) => Runspace = runspace;

    public Runspace Runspace { get; }

    /// <summary>A runspace with the module imported; with <paramref name="host"/>, what PowerShell writes to its host goes there.</summary>
    public static PowerShellEngine Start(System.Management.Automation.Host.PSHost? host = null)
    {
        // CreateDefault2: only Microsoft.PowerShell.Core, no console host needed.
        var runspace = host is null
            ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2())
            : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        var engine = new PowerShellEngine(runspace);
        engine.Run("Import-Module $manifest -ErrorAction Stop", ("manifest", Manifest)).ThrowIfFailed();
        return engine;
    }

    /// <summary>Runs a script with variables set first; terminating errors are caught into the outcome.</summary>
    public ScriptOutcome Run(string script, params (string Name, object? Value)[] variables)
    {
        using var shell = Shell(script, variables);
        // Collected as it comes, so what was output before a terminating error is kept.
        var output = new PSDataCollection<PSObject>();
        try
        {
            shell.Invoke(null, output);
            return new ScriptOutcome(output, shell.Streams, null);
        }
        catch (RuntimeException e)
        {
            return new ScriptOutcome(output, shell.Streams, e);
        }
    }

    /// <summary>Starts a script, lets it run until <paramref name="ready"/>, then stops it as Ctrl+C does; returns the time Stop() took.</summary>
    public (ScriptOutcome Outcome, TimeSpan StopTook) RunAndStop(string script, Func<bool> ready, params (string Name, object? Value)[] variables)
    {
        using var shell = Shell(script, variables);
        var output = new PSDataCollection<PSObject>();
        var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!ready())
        {
            if (running.IsCompleted) throw new InvalidOperationException("The script ended before it was stopped: " + string.Join("; ", shell.Streams.Error));
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The script never reached the point to stop it at.");
            Thread.Sleep(20);
        }
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var stopping = Task.Run(shell.Stop);
        // Bounded so a hang fails the test instead of the run; the time it took is the test's output, not its assertion.
        Assert.True(stopping.Wait(TimeSpan.FromSeconds(20)), "PowerShell.Stop() did not return: the cmdlet ignored the stop.");
        var took = timer.Elapsed;
        Exception? failure = null;
        try
        {
            shell.EndInvoke(running);
        }
        catch (Exception e) when (e is PipelineStoppedException or RuntimeException)
        {
            failure = e;
        }
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        return (new ScriptOutcome(output.ToList(), shell.Streams, failure), took);
    }

    private PowerShell Shell(string script, (string Name, object? Value)[] variables)
    {
        foreach (var (name, value) in variables) Runspace.SessionStateProxy.SetVariable(name, value);
        var shell = PowerShell.Create();
        shell.Runspace = Runspace;
        shell.AddScript(script);
        return shell;
    }

    /// <summary>An Import-Csv row: a PSCustomObject whose properties are all strings, '' for an empty cell.</summary>
    public static PSObject CsvRow(params (string Column, string Value)[] cells)
    {
        var row = new PSObject();
        foreach (var (column, value) in cells) row.Properties.Add(new PSNoteProperty(column, value));
        return row;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "ImpactActions.sln"))) return directory.FullName;
        throw new InvalidOperationException("ImpactActions.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => Runspace.Dispose();
}

/// <summary>What a script gave: its output, every stream, and the terminating error if there was one.</summary>
public sealed class ScriptOutcome
{
    public ScriptOutcome(IEnumerable<PSObject> output, PSDataStreams streams, Exception? terminatingError)
    {
        Output = output.ToList();
        Errors = streams.Error.ToList();
        Verbose = streams.Verbose.Select(v => v.Message).ToList();
        Debug = streams.Debug.Select(d => d.Message).ToList();
        Warnings = streams.Warning.Select(w => w.Message).ToList();
        TerminatingError = terminatingError;
    }

    public IReadOnlyList<PSObject> Output { get; }
    public IReadOnlyList<ErrorRecord> Errors { get; }
    public IReadOnlyList<string> Verbose { get; }
    public IReadOnlyList<string> Debug { get; }
    public IReadOnlyList<string> Warnings { get; }
    public Exception? TerminatingError { get; }

    public ScriptOutcome ThrowIfFailed()
    {
        if (TerminatingError is not null) throw new InvalidOperationException("The script failed: " + TerminatingError.Message, TerminatingError);
        if (Errors.Count > 0) throw new InvalidOperationException("The script wrote errors: " + string.Join("; ", Errors));
        return this;
    }

    /// <summary>A property of every output object, as its string.</summary>
    public IReadOnlyList<string?> Values(string property) => Output.Select(o => o.Properties[property]?.Value?.ToString()).ToList();

    /// <summary>Everything the script showed a user, as text, to search for what must not be there.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        foreach (var o in Output)
        {
            parts.Add(o.ToString());
            parts.AddRange(o.Properties.Select(p => SafeValue(p)));
        }
        foreach (var e in Errors)
        {
            parts.Add(e.ToString());
            parts.Add(e.Exception.ToString());
            parts.Add(e.ErrorDetails?.Message ?? "");
            parts.Add(e.TargetObject?.ToString() ?? "");
        }
        parts.AddRange(Verbose);
        parts.AddRange(Debug);
        parts.AddRange(Warnings);
        if (TerminatingError is not null) parts.Add(TerminatingError.ToString());
        return string.Join("\n", parts);
    }

    private static string SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value is IEnumerable list and not string ? string.Join(",", list.Cast<object>()) : property.Value?.ToString() ?? "";
        }
        catch (GetValueException)
        {
            return "";
        }
    }
}
