using System;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Wire;

/// <summary>Streams JSON into the response pipe; numbers are strings unless the quirk asks for bare numbers.</summary>
public sealed class JsonRecordWriter : IRecordWriter
{
    private const int FlushThreshold = 64 * 1024;
    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;
    private readonly bool _numbersAsJsonNumbers;
    private readonly CancellationToken _cancellation;
    private readonly Stack<bool> _inArray = new();

    public JsonRecordWriter(PipeWriter pipe, bool numbersAsJsonNumbers, CancellationToken cancellation)
    {
        _pipe = pipe;
        _numbersAsJsonNumbers = numbersAsJsonNumbers;
        _cancellation = cancellation;
        _json = new Utf8JsonWriter(pipe, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void StartObject(string? name = null)
    {
        if (name is null || (_inArray.Count > 0 && _inArray.Peek())) _json.WriteStartObject();
        else _json.WriteStartObject(name);
        _inArray.Push(false);
    }

    public void EndObject()
    {
        _inArray.Pop();
        _json.WriteEndObject();
    }

    public void StartArray(string name, string elementName)
    {
        _json.WriteStartArray(name);
        _inArray.Push(true);
    }

    public void EndArray()
    {
        _inArray.Pop();
        _json.WriteEndArray();
    }

    public void String(string name, string? value) => _json.WriteString(name, value ?? "");

    public void Money(string name, decimal value)
    {
        if (_numbersAsJsonNumbers) _json.WriteNumber(name, value);
        else _json.WriteString(name, WireText.Money(value));
    }

    public void Integer(string name, long value)
    {
        if (_numbersAsJsonNumbers && !name.StartsWith('@')) _json.WriteNumber(name, value);
        else _json.WriteString(name, WireText.Integer(value));
    }

    public void Date(string name, DateTimeOffset? value) => _json.WriteString(name, WireText.Date(value));

    public async ValueTask FlushIfFullAsync()
    {
        if (_json.BytesPending < FlushThreshold) return;
        _json.Flush();
        await _pipe.FlushAsync(_cancellation);
    }

    public async ValueTask CompleteAsync()
    {
        _json.Flush();
        await _pipe.FlushAsync(_cancellation);
        await _json.DisposeAsync();
    }

    /// <summary>Returns the writer's buffers; what was not completed is not sent.</summary>
    public void Dispose() => _json.Dispose();
}
