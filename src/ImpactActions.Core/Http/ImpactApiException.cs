using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactActions.Core.Http;

/// <summary>A field the API named in its ERROR answer.</summary>
public sealed class ApiFieldError
{
    public ApiFieldError(string field, string message)
    {
        Field = field;
        Message = message;
    }

    public string Field { get; }
    public string Message { get; }

    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// The API refused a request, or it could not be completed. <see cref="OutcomeUnknown"/> is set when a
/// write may have reached the API but its answer was lost: it may or may not have been queued.
/// </summary>
public sealed class ImpactApiException : Exception
{
    public ImpactApiException(string request, int? statusCode, string apiMessage, IReadOnlyList<ApiFieldError>? fieldErrors = null,
        bool outcomeUnknown = false, Exception? inner = null, bool connectionClosed = false)
        : base(Describe(request, statusCode, apiMessage, fieldErrors, outcomeUnknown), inner)
    {
        ConnectionClosed = connectionClosed;
        Request = request;
        StatusCode = statusCode;
        ApiMessage = apiMessage;
        FieldErrors = fieldErrors ?? Array.Empty<ApiFieldError>();
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>Method and target, e.g. "PUT /Advertisers/IR…/Actions".</summary>
    public string Request { get; }

    /// <summary>The HTTP status, or null when no answer came (connection failure, timeout).</summary>
    public int? StatusCode { get; }

    public string ApiMessage { get; }
    public IReadOnlyList<ApiFieldError> FieldErrors { get; }
    public bool OutcomeUnknown { get; }

    /// <summary>The connection was closed (Disconnect-ImpactAccount): the request was refused, or cut off in flight.</summary>
    public bool ConnectionClosed { get; }

    public bool IsNotFound => StatusCode == 404;

    private static string Describe(string request, int? status, string message, IReadOnlyList<ApiFieldError>? fields, bool unknown)
    {
        var head = status is { } s ? $"{request} failed with {s}: {message}" : $"{request} failed: {message}";
        if (fields is { Count: > 0 }) head += " (" + string.Join("; ", fields.Select(f => f.ToString())) + ")";
        if (unknown) head += " The write may or may not have been queued.";
        return head;
    }
}
