namespace ImpactActions.Sandbox.Data;

public enum ActionState
{
    PENDING,
    APPROVED,
    REVERSED,
}
