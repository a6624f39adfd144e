using System;
using ImpactActions.Core.Records;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Http;
using ImpactActions.Core.Json;

namespace ImpactActions.Core.Paging;

/// <summary>
/// Walks a paged list lazily: a page is requested only when the caller wants a record beyond the
/// previous one, each record is handed out as soon as it is parsed, and @nextpageuri is followed
/// until it is empty or @page reaches @numpages. A page whose body breaks off is read again, and the
/// records already handed out are skipped, so the caller sees each record once.
/// </summary>
internal sealed class PagedListReader<T> where T : class
{
    private readonly ImpactApiClient _client;
    private readonly string _arrayName;
    private readonly RecordFieldMap<T> _fields;
    private readonly Func<T> _create;

    public PagedListReader(ImpactApiClient client, string arrayName, RecordFieldMap<T> fields, Func<T> create)
    {
        _client = client;
        _arrayName = arrayName;
        _fields = fields;
        _create = create;
    }

    /// <summary>Requests one page; errors (a refusal, a 404) surface here, before any record is handed out.</summary>
    public async Task<OpenPage> OpenAsync(string target, CancellationToken cancellation)
    {
        var response = await _client.SendAsync(new ApiRequest(HttpMethod.Get, target) { Streamed = true }, cancellation).ConfigureAwait(false);
        try
        {
            var stream = await _client.OpenBodyAsync(response).ConfigureAwait(false);
            return new OpenPage(target, response, new PageStreamParser<T>(stream, _arrayName, _fields, _create));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <param name="first">The page opened with <see cref="OpenAsync"/>.</param>
    /// <param name="cancellation">Ends the read.</param>
    /// <param name="pageRead">Told each page's paging keys (@page, @total, …) and how many records were read with them, once its first records are read.</param>
    public async IAsyncEnumerable<T> ReadAsync(OpenPage first, [EnumeratorCancellation] CancellationToken cancellation, Action<PageEnvelope, int>? pageRead = null)
    {
        OpenPage? page = first;
        var pageNumber = 1;
        // The pages this listing has read: a next link back to one of them would hand its records out again, forever.
        var requested = new HashSet<string>(StringComparer.Ordinal) { first.Target };
        try
        {
            while (page is not null)
            {
                var handedOut = 0;
                var breaks = 0;
                var batch = new List<T>();
                while (true)
                {
                    var skip = handedOut;
                    Exception? broken = null;
                    while (true)
                    {
                        batch.Clear();
                        bool more;
                        try
                        {
                            more = await page.Parser.ReadAsync(batch, cancellation).ConfigureAwait(false);
                        }
                        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException && !cancellation.IsCancellationRequested)
                        {
                            broken = e;
                            break;
                        }
                        if (handedOut == 0 && breaks == 0) pageRead?.Invoke(page.Parser.Envelope, batch.Count);
                        foreach (var record in batch)
                        {
                            if (skip > 0)
                            {
                                skip--;
                                continue;
                            }
                            handedOut++;
                            yield return record;
                        }
                        if (!more) break;
                    }
                    if (broken is null) break;

                    breaks++;
                    if (breaks > _client.Connection.Settings.MaxRetries)
                        throw new ImpactApiException($"GET {page.Target}", null, $"The answer broke off {breaks} times: {_client.RedactFailure(broken.Message)}", inner: _client.Sanitize(broken));
                    _client.Log.Verbose($"Page {pageNumber} broke off after {handedOut} records ({_client.RedactFailure(broken.Message)}); reading it again and skipping those.");
                    var target = page.Target;
                    page.Dispose();
                    page = null;
                    await Task.Delay(TimeSpan.FromTicks(_client.Connection.Settings.RetryBaseDelay.Ticks * breaks), cancellation).ConfigureAwait(false);
                    page = await OpenAsync(target, cancellation).ConfigureAwait(false);
                }

                var envelope = page.Parser.Envelope;
                page.Dispose();
                page = null;
                if (!envelope.HasNext) yield break;
                if (!requested.Add(envelope.NextPageUri!))
                    throw new ImpactResponseException(
                        $"The API's link to page {pageNumber + 1} names a page this listing has read already (page {pageNumber} said @nextpageuri {_client.RedactFailure(envelope.NextPageUri!)}): the listing stops rather than hand out those records again.");
                pageNumber++;
                page = await OpenAsync(envelope.NextPageUri!, cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            page?.Dispose();
        }
    }

    internal sealed class OpenPage : IDisposable
    {
        public OpenPage(string target, HttpResponseMessage response, PageStreamParser<T> parser)
        {
            Target = target;
            Response = response;
            Parser = parser;
        }

        public string Target { get; }
        public HttpResponseMessage Response { get; }
        public PageStreamParser<T> Parser { get; }

        public void Dispose()
        {
            Parser.Dispose();
            Response.Dispose();
        }
    }
}
