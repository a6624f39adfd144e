using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Core.Validation;

/// <summary>Why one input row cannot be sent: the row, the field, and what is wrong with it.</summary>
public sealed class RowError
{
    public RowError(long row, string field, string message, object? source = null)
    {
        Row = row;
        Field = field;
        Message = message;
        Source = source;
    }

    public long Row { get; }
    public string Field { get; }
    public string Message { get; }

    /// <summary>The caller's input object (a CSV row, a pipeline object), to hand back with the error.</summary>
    public object? Source { get; }

    public override string ToString() => $"Row {Row}, {Field}: {Message}";

    /// <summary>A row's problems as one sentence: the first, then the others after semicolons.</summary>
    public static string Sentence(IReadOnlyList<RowError> errors) =>
        FieldRules.Sentence(errors.Select(e => e.Message.TrimEnd('.')));
}
