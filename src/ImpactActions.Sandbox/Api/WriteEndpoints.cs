using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ImpactActions.Sandbox.Api;

/// <summary>PUT and DELETE /Actions with form bodies, and POST carrying <c>_method</c>: validated at once, then queued.</summary>
public static class WriteEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static async Task HandleAsync(HttpContext context, SandboxHost sandbox)
    {
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await ApiResponder.WriteErrorAsync(context, new ApiError(400, "Writes take an application/x-www-form-urlencoded body."));
            return;
        }
        var body = await ReadBodyAsync(context.Request);
        if (body is null)
        {
            await ApiResponder.WriteErrorAsync(context, new ApiError(400, $"The body is larger than {MaxBodyBytes} bytes."));
            return;
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in QueryHelpers.ParseQuery(body))
            form[pair.Key] = pair.Value.Count > 0 ? pair.Value[0] ?? "" : "";

        var method = context.Request.Method;
        if (HttpMethods.IsPost(method))
        {
            form.Remove("_method", out var overridden);
            method = (overridden ?? "").ToUpperInvariant();
            if (method != "PUT" && method != "DELETE")
            {
                await ApiResponder.WriteErrorAsync(context, new ApiError(405, "POST to /Actions needs _method=PUT or _method=DELETE."));
                return;
            }
        }

        var (request, error) = WriteRequestParser.Parse(form, reversal: method == "DELETE", body, sandbox.Behaviour);
        if (error is not null)
        {
            await ApiResponder.WriteErrorAsync(context, error);
            return;
        }
        var submission = sandbox.Queue.Enqueue(sandbox.AccountSid, request!);
        await ApiResponder.WriteAsync(context, 200, sandbox.Behaviour.Quirks, w =>
        {
            w.String("Status", "QUEUED");
            w.String("QueuedUri", submission.Uri);
        });
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
