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

/// <summary>Reads APISubmissions: one by BatchId or QueuedUri (flat or wrapped answer), or the recent ones.</summary>
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

    /// <summary>Recent submissions, newest first, as the API lists them.</summary>
    public async IAsyncEnumerable<ImpactSubmission> ListAsync(int pageSize = 2000, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var first = await _list.OpenAsync(_client.Path("APISubmissions?PageSize=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellation).ConfigureAwait(false);
        await foreach (var submission in _list.ReadAsync(first, cancellation).ConfigureAwait(false))
            yield return submission;
    }
}
