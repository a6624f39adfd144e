using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ImpactActions.Engine.Tests;

/// <summary>
/// A host that keeps what PowerShell writes to it ("What if: …" among it) and answers -Confirm prompts with the
/// choices it is given, in order: what a user sees and says at a console, for a test to read.
/// </summary>
public sealed class CapturingHost : PSHost
{
    private readonly Guid _id = Guid.NewGuid();
    private readonly CapturingUserInterface _ui = new();

    public override string Name => "ImpactActions.Engine.Tests";
    public override Version Version => new(1, 0);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>Every line written to the host, in order.</summary>
    public IReadOnlyList<string> Lines => _ui.Lines();

    /// <summary>The prompts -Confirm showed (caption and message).</summary>
    public IReadOnlyList<string> Prompts => _ui.Prompts;

    /// <summary>The choices to answer the coming prompts with, by label without its hotkey mark ("Yes", "No", …).</summary>
    public void Answer(params string[] labels)
    {
        foreach (var label in labels) _ui.Answers.Enqueue(label);
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    private sealed class CapturingUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _text = new();

        public Queue<string> Answers { get; } = new();
        public List<string> Prompts { get; } = new();

        public IReadOnlyList<string> Lines()
        {
            lock (_text) return _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        }

        // No console: formatting and progress fall back to what needs none.
        public override PSHostRawUserInterface RawUI => null!;

        public override void Write(string value)
        {
            lock (_text) _text.Append(value);
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => WriteLine(value);
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + ": " + message);
            if (Answers.Count == 0) throw new InvalidOperationException($"Nothing to answer the prompt '{caption}: {message}' with.");
            var label = Answers.Dequeue();
            var index = choices.ToList().FindIndex(c => c.Label.Replace("&", "", StringComparison.Ordinal) == label);
            if (index < 0) throw new InvalidOperationException($"No choice '{label}' among {string.Join(", ", choices.Select(c => c.Label))}.");
            return index;
        }

        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
    }
}
