using System;
using System.Collections.Generic;

namespace ImpactActions.Core.Writing;

/// <summary>
/// [ACTIONS]: "impact.com allows a maximum of 1,000 modifications per action". The run counts one sent
/// request to an action as one modification (the pages do not say how the API counts; the sandbox does
/// the same), so a request past the limit fails its rows before it is sent. It cannot know modifications
/// made before the run.
/// </summary>
internal sealed class ModificationCounter
{
    private readonly Dictionary<string, int> _sent = new(StringComparer.Ordinal);

    public int Limit { get; set; } = 1000;

    public bool HasRoom(string actionKey) => (_sent.TryGetValue(actionKey, out var n) ? n : 0) < Limit;

    public void Sent(string actionKey) => _sent[actionKey] = (_sent.TryGetValue(actionKey, out var n) ? n : 0) + 1;
}
