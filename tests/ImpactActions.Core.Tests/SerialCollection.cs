namespace ImpactActions.Core.Tests;

/// <summary>
/// Tests whose assertions depend on the process being otherwise quiet (live managed memory, a rate
/// window measured in seconds): xunit runs this collection on its own, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Runs alone";
}
