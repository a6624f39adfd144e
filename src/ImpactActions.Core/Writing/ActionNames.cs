using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Paging;

namespace ImpactActions.Core.Writing;

/// <summary>
/// The other name of an action given by ActionId: its ActionTrackerId and Oid, from its own record
/// (<c>GET /Actions/{ActionId}</c>, [ACTIONS]), read once per connection and only when a write by tracker
/// and order is held, since then it may be the same action.
/// </summary>
internal sealed class ActionNames
{
    private readonly ImpactApiClient _client;
    private readonly ActionReader _reader;

    public ActionNames(ImpactApiClient client)
    {
        _client = client;
        _reader = new ActionReader(client);
    }

    public async Task<(long? ActionTrackerId, string? Oid)> OfAsync(string actionId, CancellationToken cancellation)
    {
        if (_client.Connection.ActionNames.TryGetValue(actionId, out var known)) return known;
        var action = await _reader.GetAsync(actionId, cancellation).ConfigureAwait(false);
        var names = (action.ActionTrackerId, action.Oid);
        _client.Connection.ActionNames[actionId] = names;
        return names;
    }
}
