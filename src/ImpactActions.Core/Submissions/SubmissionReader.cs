using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Json;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Records;

namespace ImpactActions.Core.Submissions;

/// <summary>
/// Reads APISubmissions: one by BatchId or QueuedUri (flat or wrapped answer: [SUBMISSIONS], [CAPTURES]
/// in docs/api-reference.md), or the recent ones from <c>GET /APISubmissions</c>, which impact.com advises against: that list
/// is an optimisation only, and <see cref="ListAsync"/> says plainly when the API does not have it.
/// </summary>
public sealed class SubmissionReader
{
    private readonly ImpactApiClient _client;
    private readonly PagedListReader<ImpactSubmission> _list;

    public SubmissionReader(ImpactApiClient client)
    {
        _client = client;
        _list = new PagedListReader<ImpactSubmission>(client, "APISubmission", RecordMaps.Submission, () => new ImpactSubmission());
    }

    /// <summary>A BatchId (A-…), or a QueuedUri as a write returned it.</summary>
    public async Task<ImpactSubmission> GetAsync(string batchIdOrQueuedUri, CancellationToken cancellation = default)
    {
        var batchId = SubmissionIds.BatchIdOf(batchIdOrQueuedUri);
        if (batchId.Length == 0) throw new ArgumentException("A BatchId or QueuedUri is required.", nameof(batchIdOrQueuedUri));
        byte[] body;
        try
        {
            body = await _client.SendForBodyAsync(new ApiRequest(HttpMethod.Get, _client.Path("APISubmissions/" + Uri.EscapeDataString(batchId))), cancellation).ConfigureAwait(false);
        }
        catch (ImpactApiException e) when (e.IsNotFound)
        {
            throw new ImpactNotFoundException($"Submission {batchId} is unknown or expired (the API keeps submissions about 90 days).", e);
        }
        return SingleRecordParser.Parse(body, RecordMaps.Submission, () => new ImpactSubmission(), wrapper: "APISubmission");
    }

    /// <summary>Whether the list is worth asking for: false once the API answered that it has none.</summary>
    public bool ListMayExist => !_client.Connection.SubmissionListMissing;

    /// <summary>
    /// Recent submissions, newest first, as the API lists them; <see cref="SubmissionListMissingException"/>
    /// when the API has no such list (404 or 405), which the connection then remembers.
    /// </summary>
    public async IAsyncEnumerable<ImpactSubmission> ListAsync(int pageSize = 2000, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        if (!ListMayExist) throw new SubmissionListMissingException(null);
        PagedListReader<ImpactSubmission>.OpenPage first;
        try
        {
            first = await _list.OpenAsync(_client.Path("APISubmissions?PageSize=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellation).ConfigureAwait(false);
        }
        catch (ImpactApiException e) when (e.StatusCode is 404 or 405)
        {
            _client.Connection.SubmissionListMissing = true;
            _client.Log.Verbose("The API has no list of submissions (GET /APISubmissions answered " + e.StatusCode + "); submissions are read one by one by BatchId.");
            throw new SubmissionListMissingException(e);
        }
        await foreach (var submission in _list.ReadAsync(first, cancellation).ConfigureAwait(false))
            yield return submission;
    }
}

/// <summary>The API has no list of submissions (GET /APISubmissions, documented but advised against, answered 404 or 405).</summary>
public sealed class SubmissionListMissingException : Exception
{
    public SubmissionListMissingException(Exception? inner)
        : base("The API has no list of submissions (GET /APISubmissions); a submission can be read only by its BatchId.", inner)
    {
    }
}
