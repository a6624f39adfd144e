using System;
using System.Collections.Generic;
using System.Threading;

namespace ImpactActions.Sandbox.Data;

/// <summary>
/// Every action, newest created first. Reads need no lock: records are immutable and a change
/// swaps one array slot. Only the submission queue writes, one change at a time.
/// </summary>
public sealed class ActionStore
{
    private readonly ActionRecord[] _actions;
    private readonly Dictionary<string, int> _slotById;
    private readonly Dictionary<(int TrackerId, string Oid), int> _slotByOrder;
    private readonly Dictionary<int, int[]> _slotsByCampaign;

    public ActionStore(ActionRecord[] newestFirst, IReadOnlyList<Campaign> campaigns, DateTimeOffset generatedAt)
    {
        _actions = newestFirst;
        Campaigns = campaigns;
        GeneratedAt = generatedAt;
        _slotById = new Dictionary<string, int>(newestFirst.Length, StringComparer.Ordinal);
        _slotByOrder = new Dictionary<(int, string), int>(newestFirst.Length);
        var perCampaign = new Dictionary<int, List<int>>();
        foreach (var campaign in campaigns) perCampaign[campaign.Id] = new List<int>();
        for (var slot = 0; slot < newestFirst.Length; slot++)
        {
            var action = newestFirst[slot];
            if (action.Slot != slot) throw new ArgumentException($"Action {action.Id} claims slot {action.Slot} but stands at {slot}.");
            _slotById.Add(action.Id, slot);
            // Newest first: the first action of a tracker and Oid is the one a write by them goes to.
            _slotByOrder.TryAdd((action.Tracker.Id, action.Oid), slot);
            perCampaign[action.Campaign.Id].Add(slot);
        }
        _slotsByCampaign = new Dictionary<int, int[]>();
        foreach (var pair in perCampaign) _slotsByCampaign[pair.Key] = pair.Value.ToArray();
    }

    public IReadOnlyList<Campaign> Campaigns { get; }

    public DateTimeOffset GeneratedAt { get; }

    public int Count => _actions.Length;

    public ActionRecord this[int slot] => Volatile.Read(ref _actions[slot]);

    public ActionRecord? FindById(string id) => _slotById.TryGetValue(id, out var slot) ? this[slot] : null;

    /// <summary>The newest action of the tracker with that Oid (several may share one: docs/api-reference.md [CAPTURES]).</summary>
    public ActionRecord? FindByOrder(int trackerId, string orderId) =>
        _slotByOrder.TryGetValue((trackerId, orderId), out var slot) ? this[slot] : null;

    public bool HasCampaign(int campaignId) => _slotsByCampaign.ContainsKey(campaignId);

    /// <summary>The campaign's actions, newest created first, as they are at the moment each is read.</summary>
    public IEnumerable<ActionRecord> InCampaign(int campaignId)
    {
        if (!_slotsByCampaign.TryGetValue(campaignId, out var slots)) yield break;
        foreach (var slot in slots) yield return this[slot];
    }

    public IEnumerable<ActionRecord> All()
    {
        for (var slot = 0; slot < _actions.Length; slot++) yield return this[slot];
    }

    /// <summary>Swaps in a changed record. Called by the single queue worker only.</summary>
    public void Replace(ActionRecord updated)
    {
        if (!ReferenceEquals(this[updated.Slot].OriginalOrSelf, updated.OriginalOrSelf))
            throw new InvalidOperationException($"Record for {updated.Id} does not belong in slot {updated.Slot}.");
        Volatile.Write(ref _actions[updated.Slot], updated);
    }
}
