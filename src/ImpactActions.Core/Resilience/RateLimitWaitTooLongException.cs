using System;

namespace ImpactActions.Core.Resilience;

/// <summary>The API asked for a wait longer than the connection's MaxRateLimitWait allows: the request fails at once, unsent.</summary>
public sealed class RateLimitWaitTooLongException : Exception
{
    public RateLimitWaitTooLongException(string family, TimeSpan wait, TimeSpan allowed)
        : base($"The API's budget for {family} requests is spent for {WaitWords.For(wait)} ({wait.TotalSeconds:0} s), longer than the {WaitWords.For(allowed)} "
               + "Connect-ImpactAccount -MaxRateLimitWaitSeconds allows, so the request was not sent; run again later, or connect with a larger -MaxRateLimitWaitSeconds.")
    {
        Wait = wait;
    }

    public TimeSpan Wait { get; }
}
