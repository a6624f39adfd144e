using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace ImpactActions.Core.Http;

/// <summary>One call to the API, rebuilt for every attempt.</summary>
public sealed class ApiRequest
{
    public ApiRequest(HttpMethod method, string target, IReadOnlyList<KeyValuePair<string, string>>? form = null)
    {
        Method = method;
        Target = target;
        Form = form;
    }

    public HttpMethod Method { get; }

    /// <summary>A path with its query under the base URI, or an absolute URI on the same host (a paging link).</summary>
    public string Target { get; }

    /// <summary>An application/x-www-form-urlencoded body, for writes.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Form { get; }

    /// <summary>
    /// Whether sending it twice cannot change the result twice: reads and absolute writes. A request
    /// that is not (one carrying ItemSubTotalDelta) is retried only when the answer proves it was not processed.
    /// </summary>
    public bool Idempotent { get; init; } = true;

    /// <summary>A write (PUT, DELETE, POST): its final failure leaves its outcome unknown unless the answer proves it was not processed.</summary>
    public bool IsWrite => Method != HttpMethod.Get && Method != HttpMethod.Head;

    /// <summary>Return as soon as the headers arrive, for a body read as a stream.</summary>
    public bool Streamed { get; init; }

    /// <summary>The form body exactly as it is sent, which the API keeps as the submission's Payload.</summary>
    public string? Body => Form is null ? null : FormBody.Encode(Form);

    public override string ToString() => $"{Method} {Target}";
}

public static class FormBody
{
    /// <summary>application/x-www-form-urlencoded, as the API echoes it back in a submission's Payload.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> form) =>
        string.Join("&", form.Select(f => Escape(f.Key) + "=" + Escape(f.Value)));

    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%20", "+");
}
