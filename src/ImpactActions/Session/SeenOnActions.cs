using System;
using System.Collections.Generic;
using System.Linq;
using ImpactActions.Core.Records;

namespace ImpactActions.Session;

/// <summary>
/// What the actions the session listed showed, for tab completion that sends no request: their customer
/// statuses and their campaigns (id and name). Each list keeps the first <see cref="Limit"/> distinct values
/// seen, so a listing of a million actions costs two dictionary lookups per action and a bounded memory.
/// </summary>
internal sealed class SeenOnActions
{
    public const int Limit = 256;

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _customerStatuses = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _customerStatusOrder = new();
    private readonly Dictionary<long, string?> _campaigns = new();
    private readonly List<long> _campaignOrder = new();

    public void Saw(ImpactAction action)
    {
        var status = action.CustomerStatus?.Trim();
        lock (_gate)
        {
            if (status is { Length: > 0 } && _customerStatuses.Count < Limit && !_customerStatuses.ContainsKey(status))
            {
                _customerStatuses.Add(status, status);
                _customerStatusOrder.Add(status);
            }
            if (action.CampaignId is { } id)
            {
                if (_campaigns.TryGetValue(id, out var name))
                {
                    // A campaign first seen without its name gets it from a later action.
                    if (name is null && action.CampaignName is { Length: > 0 } later) _campaigns[id] = later;
                }
                else if (_campaigns.Count < Limit)
                {
                    _campaigns.Add(id, action.CampaignName is { Length: > 0 } given ? given : null);
                    _campaignOrder.Add(id);
                }
            }
        }
    }

    /// <summary>The customer statuses seen, in the order first seen, each in the spelling first seen.</summary>
    public IReadOnlyList<string> CustomerStatuses
    {
        get { lock (_gate) return _customerStatusOrder.ToList(); }
    }

    /// <summary>The campaigns seen, in the order first seen, with their names where an action gave one.</summary>
    public IReadOnlyList<(long Id, string? Name)> Campaigns
    {
        get { lock (_gate) return _campaignOrder.Select(id => (id, _campaigns[id])).ToList(); }
    }
}
