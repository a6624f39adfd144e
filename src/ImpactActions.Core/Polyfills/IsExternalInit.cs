// netstandard2.0 lacks this marker type; the compiler needs it for init accessors and records.
#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
#endif
