using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Xml.Linq;
using ImpactActions.Core.Json;

namespace ImpactActions.Core.Http;

/// <summary>Reads the API's ERROR answer: JSON <c>{"Status","Message","Errors":[{"Field","Message"}]}</c> or its XML form.</summary>
internal static class ErrorEnvelope
{
    public static (string Message, IReadOnlyList<ApiFieldError> Fields) Parse(byte[] body, string? reasonPhrase)
    {
        var fallback = string.IsNullOrEmpty(reasonPhrase) ? "no message" : reasonPhrase!;
        if (body.Length == 0) return (fallback, Array.Empty<ApiFieldError>());
        var first = body[0] == 0xEF && body.Length > 3 ? body[3] : body[0];
        try
        {
            if (first == (byte)'{') return ParseJson(body, fallback);
            if (first == (byte)'<') return ParseXml(body, fallback);
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException)
        {
        }
        return (SingleRecordParser.Snippet(body), Array.Empty<ApiFieldError>());
    }

    private static (string, IReadOnlyList<ApiFieldError>) ParseJson(byte[] body, string fallback)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var message = Text(root, "Message") ?? Text(root, "message") ?? fallback;
        var fields = new List<ApiFieldError>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            foreach (var error in errors.EnumerateArray())
                fields.Add(new ApiFieldError(Text(error, "Field") ?? "", Text(error, "Message") ?? ""));
        return (message, fields);
    }

    private static (string, IReadOnlyList<ApiFieldError>) ParseXml(byte[] body, string fallback)
    {
        var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Root;
        var message = root?.Element("Message")?.Value ?? fallback;
        var fields = new List<ApiFieldError>();
        foreach (var error in root?.Element("Errors")?.Elements() ?? Array.Empty<XElement>())
            fields.Add(new ApiFieldError(error.Element("Field")?.Value ?? "", error.Element("Message")?.Value ?? ""));
        return (message, fields);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
