using System;
using System.Collections.Concurrent;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Writing;

namespace ImpactActions.Core.Connection;

/// <summary>
/// What this process knows of one account at one address, whichever connection learnt it: the writes
/// queued and not yet seen complete, the submissions already attributed to a request, and the actions'
/// names. These are facts about the API's queue, not about a connection, so a reconnect, a second
/// connection passed with -Connection, and every runspace of the process share them: a value computed
/// after Connect-ImpactAccount still waits for the write queued before it, and a lost answer is never
/// credited with an earlier command's submission.
/// </summary>
internal sealed class AccountState
{
    private static readonly ConcurrentDictionary<string, AccountState> Known = new(StringComparer.Ordinal);

    public static AccountState For(Uri baseUri, string accountSid) => Known.GetOrAdd(Key(baseUri, accountSid), _ => new AccountState());

    /// <summary>Forgets the account, as a new process would know nothing of it: for tests that model one.</summary>
    internal static void Forget(Uri baseUri, string accountSid) => Known.TryRemove(Key(baseUri, accountSid), out _);

    private static string Key(Uri baseUri, string accountSid) => baseUri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + "\n" + accountSid;

    public QueuedWrites QueuedWrites { get; } = new();

    /// <summary>Every BatchId a request of this process was answered with or credited with.</summary>
    public ClaimedBatches Claimed { get; } = new();

    /// <summary>The tracker and Oid of actions whose record was read: an action's names never change.</summary>
    public ConcurrentDictionary<string, (long? ActionTrackerId, string? Oid)> ActionNames { get; } = new(StringComparer.Ordinal);
}
