using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;

namespace ImpactActions.Core.Connection;

/// <summary>
/// Connect-ImpactAccount's one cheap request, so a wrong token fails the connect step rather than the
/// first real command of a scheduled task: <c>GET /Actions/{ActionId}</c> (documented by the Actions page,
/// docs/api-reference.md [ACTIONS]) for an ActionId no action has. The API checks the credentials first:
/// a 404 (or a 400 about that id) means they were accepted; a 401 that they were refused; a 403 that this
/// token may not read this account's actions, which every command of the module needs. Any other failure
/// (no network, a 5xx after the retries) says the check could not be made, and -SkipCredentialCheck
/// connects without it.
/// </summary>
public static class CredentialCheck
{
    /// <summary>An ActionId of the documented shape that no action has.</summary>
    public const string ProbeActionId = "0000.0000.0000000";

    public static async Task CheckAsync(ImpactApiClient client, CancellationToken cancellation)
    {
        var connection = client.Connection;
        try
        {
            using var answer = await client.SendAsync(new ApiRequest(HttpMethod.Get, client.Path("Actions/" + ProbeActionId)), cancellation).ConfigureAwait(false);
        }
        catch (ImpactApiException e) when (e.StatusCode is 404 || (e.StatusCode is 400 && !e.FieldErrors.Any(f => f.Field == "IR-Version")))
        {
            // Past the credentials: the API looked for the action.
        }
        catch (ImpactApiException e) when (e.StatusCode is 401)
        {
            throw new ImpactCredentialsRefusedException(
                $"The API refused the credentials for account {connection.AccountSid} (401: {e.ApiMessage.TrimEnd('.')}): check the AccountSid and the AuthToken.", e);
        }
        catch (ImpactApiException e) when (e.StatusCode is 403)
        {
            throw new ImpactCredentialsRefusedException(
                $"The API accepted the credentials but does not let them read the actions of account {connection.AccountSid} (403: {e.ApiMessage.TrimEnd('.')}): check that the AuthToken belongs to {connection.AccountSid} and is allowed the Actions endpoints.", e);
        }
    }
}

/// <summary>The API refused the credentials Connect-ImpactAccount was given (401), or their access to the account's actions (403).</summary>
public sealed class ImpactCredentialsRefusedException : System.Exception
{
    public ImpactCredentialsRefusedException(string message, ImpactApiException inner) : base(message, inner) => StatusCode = inner.StatusCode ?? 0;

    public int StatusCode { get; }
}
