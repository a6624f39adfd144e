using System;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Wire;
using Microsoft.AspNetCore.Http;

namespace ImpactActions.Sandbox.Api;

/// <summary>Writes answers in the format the request negotiated: JSON when it asked for it, XML otherwise.</summary>
public static class ApiResponder
{
    private const string FormatKey = "sandbox.wire-format";

    /// <summary>JSON when the Accept header names application/json or the path ended in ".json".</summary>
    public static void Negotiate(HttpContext context, bool jsonSuffix)
    {
        var accept = context.Request.Headers.Accept.ToString();
        var json = jsonSuffix || accept.Contains("application/json", StringComparison.OrdinalIgnoreCase);
        context.Items[FormatKey] = json ? WireFormat.Json : WireFormat.Xml;
    }

    public static WireFormat FormatOf(HttpContext context) =>
        context.Items.TryGetValue(FormatKey, out var format) && format is WireFormat f ? f : WireFormat.Xml;

    public static IRecordWriter StartAnswer(HttpContext context, int statusCode, QuirkOptions quirks)
    {
        context.Response.StatusCode = statusCode;
        if (FormatOf(context) == WireFormat.Json)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return new JsonRecordWriter(context.Response.BodyWriter, quirks.NumbersAsJsonNumbers, context.RequestAborted);
        }
        context.Response.ContentType = "application/xml; charset=utf-8";
        return new XmlRecordWriter(context.Response.Body, context.RequestAborted);
    }

    public static async Task WriteAsync(HttpContext context, int statusCode, QuirkOptions quirks, Action<IRecordWriter> body)
    {
        using var writer = StartAnswer(context, statusCode, quirks);
        writer.StartObject();
        body(writer);
        writer.EndObject();
        await writer.CompleteAsync();
    }

    public static Task WriteErrorAsync(HttpContext context, ApiError error) =>
        WriteAsync(context, error.StatusCode, new QuirkOptions(), w =>
        {
            w.String("Status", "ERROR");
            w.String("Message", error.Message);
            if (error.Errors is not { Count: > 0 }) return;
            w.StartArray("Errors", "Error");
            foreach (var field in error.Errors)
            {
                w.StartObject();
                w.String("Field", field.Field);
                w.String("Message", field.Message);
                w.EndObject();
            }
            w.EndArray();
        });
}
