using System;

namespace ImpactActions.Core;

/// <summary>The API answered something this client cannot read (truncated or malformed JSON, a missing field).</summary>
public sealed class ImpactResponseException : Exception
{
    public ImpactResponseException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
