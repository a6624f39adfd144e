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
}
