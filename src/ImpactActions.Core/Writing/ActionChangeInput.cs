namespace ImpactActions.Core.Writing;

/// <summary>An action-level change or a reversal, as text the user supplied ("" = not given).</summary>
public sealed class ActionChangeInput
{
    public long Row { get; set; }
    public object? Source { get; set; }
    public string? ActionId { get; set; }
    public string? ActionTrackerId { get; set; }
    public string? OrderId { get; set; }

    /// <summary>New total sale amount; 0 on a non-zero action reverses it.</summary>
    public string? Amount { get; set; }

    public string? CustomerStatus { get; set; }
    public string? DispositionCode { get; set; }

    /// <summary>Reason for an update (ORDER_UPDATE when not given); RESET restores the original action.</summary>
    public string? Reason { get; set; }

    private readonly System.Collections.Generic.List<(string Field, string Message)> _problems = new();

    /// <summary>What the binding found wrong before the fields were read: the action is refused with them.</summary>
    public void AddProblem(string field, string clause) => _problems.Add((field, clause));

    internal System.Collections.Generic.IReadOnlyList<(string Field, string Message)> Problems => _problems;
}
