using System;
using System.Text;
using System.Text.Json;
using ImpactActions.Core.Records;

namespace ImpactActions.Core.Json;

/// <summary>Parses answers that are one object: a record (flat, or wrapped in one named property), a write receipt.</summary>
internal static class SingleRecordParser
{
    /// <summary>The record, read from the root object, or from <paramref name="wrapper"/> when the root holds only that.</summary>
    public static T Parse<T>(byte[] body, RecordFieldMap<T> fields, Func<T> create, string? wrapper = null)
    {
        try
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new ImpactResponseException("Expected a JSON object.");
            if (wrapper is not null)
            {
                var probe = reader;
                if (probe.Read() && probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals(wrapper)
                    && probe.Read() && probe.TokenType == JsonTokenType.StartObject)
                    reader = probe;
            }
            var record = create();
            if (!fields.TryRead(ref reader, record)) throw new ImpactResponseException("The JSON object is incomplete.");
            return record;
        }
        catch (JsonException e)
        {
            throw new ImpactResponseException($"The answer is not valid JSON: {e.Message}", e);
        }
    }

    public static WriteReceipt ParseReceipt(byte[] body)
    {
        string? queuedUri = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                var isUri = reader.ValueTextEquals("QueuedUri");
                reader.Read();
                if (isUri) queuedUri = LenientJson.String(ref reader);
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new ImpactResponseException($"The write answer is not valid JSON: {e.Message}", e);
        }
        if (string.IsNullOrEmpty(queuedUri))
            throw new ImpactResponseException($"The write answer has no QueuedUri: {Snippet(body)}");
        return new WriteReceipt(queuedUri!);
    }

    internal static string Snippet(byte[] body, int max = 300)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, max * 2));
        return text.Length <= max ? text : text.Substring(0, max) + "…";
    }
}
