namespace ImpactActions.Core.Connection;

/// <summary>Which kind of .NET runs this process, for the few defaults that differ.</summary>
internal static class RuntimeFamily
{
    /// <summary>
    /// .NET Framework (Windows PowerShell 5.1) and Mono: the core library is mscorlib. There, HttpClient
    /// reads its TLS versions from ServicePointManager and no proxy setting comes from the environment;
    /// on .NET (PowerShell 7) both are the runtime's own.
    /// </summary>
    public static bool IsFrameworkLike { get; } = typeof(object).Assembly.GetName().Name == "mscorlib";
}
