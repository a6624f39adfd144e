using System;
using System.IO;
using ImpactActions.Core.Errors;

namespace ImpactActions.Core.Journal;

/// <summary>The journal cannot be used: held by another run (<see cref="ErrorKinds.JournalInUse"/>), or not opened or written.</summary>
public sealed class JournalException : IOException
{
    public JournalException(ErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    public ErrorKind Kind { get; }
}
