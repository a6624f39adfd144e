using System.Collections.Generic;

namespace ImpactActions.Sandbox.Api;

/// <summary>An answer in the API's ERROR envelope.</summary>
public sealed record ApiError(int StatusCode, string Message, IReadOnlyList<FieldError>? Errors = null)
{
    public static ApiError Validation(string field, string message) =>
        new(400, "Validation Failed", new[] { new FieldError(field, message) });

    public static ApiError NotFound(string message) => new(404, message);
}

public sealed record FieldError(string Field, string Message);
