using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Core.Records;

namespace ImpactActions.Core.Json;

/// <summary>
/// Parses one list answer (<c>{"@page": …, "Actions": [ … ]}</c>) straight off the response stream,
/// handing out records as soon as each is complete. Memory is the read buffer (64 KiB, grown only
/// for a single record larger than it), never the page.
/// </summary>
internal sealed class PageStreamParser<T> : IDisposable where T : class
{
    private const int InitialBuffer = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _arrayName;
    private readonly RecordFieldMap<T> _fields;
    private readonly Func<T> _create;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private JsonReaderState _state;
    private Phase _phase = Phase.BeforeRoot;

    public PageStreamParser(Stream stream, string arrayName, RecordFieldMap<T> fields, Func<T> create)
    {
        _stream = stream;
        _arrayName = Encoding.UTF8.GetBytes(arrayName);
        _fields = fields;
        _create = create;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    }

    private enum Phase
    {
        BeforeRoot,
        InRoot,
        InArray,
        Done,
    }

    /// <summary>The paging keys met so far (they come before the array, but are read wherever they are).</summary>
    public PageEnvelope Envelope { get; } = new();

    /// <summary>Adds the next records to <paramref name="into"/>; false once the answer is read to its end.</summary>
    public async Task<bool> ReadAsync(List<T> into, CancellationToken cancellation)
    {
        while (true)
        {
            if (_phase == Phase.Done) return false;
            try
            {
                ParseAvailable(into);
            }
            catch (JsonException e)
            {
                throw new ImpactResponseException($"The list answer is not valid JSON: {e.Message}", e);
            }
            if (into.Count > 0) return true;
            if (_phase == Phase.Done) return false;
            if (_endOfStream) throw new ImpactResponseException("The list answer ended before its JSON was complete.");
            await FillAsync(cancellation).ConfigureAwait(false);
        }
    }

    private void ParseAvailable(List<T> into)
    {
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _endOfStream, _state);
        while (_phase != Phase.Done)
        {
            // Each step reads one whole unit (a property with its value, or one record) or nothing.
            var checkpoint = reader.BytesConsumed;
            var checkpointState = reader.CurrentState;
            if (!Step(ref reader, into))
            {
                _start += (int)checkpoint;
                _state = checkpointState;
                return;
            }
        }
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private bool Step(ref Utf8JsonReader reader, List<T> into)
    {
        if (!reader.Read()) return false;
        switch (_phase)
        {
            case Phase.BeforeRoot:
                if (reader.TokenType != JsonTokenType.StartObject) throw Unexpected(reader, "a list object");
                _phase = Phase.InRoot;
                return true;

            case Phase.InRoot:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.Done;
                    return true;
                }
                var isArray = reader.ValueTextEquals(_arrayName);
                var envelopeField = isArray ? null : RecordMaps.Envelope.Find(ref reader);
                if (!reader.Read()) return false;
                if (isArray && reader.TokenType == JsonTokenType.StartArray)
                {
                    _phase = Phase.InArray;
                    return true;
                }
                if (isArray && reader.TokenType == JsonTokenType.StartObject)
                {
                    // A list of one collapsed into the record itself, as a public client copes with (docs/api-reference.md [CAPTURES]).
                    var single = _create();
                    if (!_fields.TryRead(ref reader, single)) return false;
                    into.Add(single);
                    return true;
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) return reader.TrySkip();
                envelopeField?.Invoke(ref reader, Envelope);
                return true;

            case Phase.InArray:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.InRoot;
                    return true;
                }
                if (reader.TokenType != JsonTokenType.StartObject) throw Unexpected(reader, "a record object");
                var record = _create();
                if (!_fields.TryRead(ref reader, record)) return false;
                into.Add(record);
                return true;

            default:
                return true;
        }
    }

    private async Task FillAsync(CancellationToken cancellation)
    {
        var unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _start = 0;
            _end = unread;
        }
        if (_end == _buffer.Length)
        {
            // One unit is larger than the buffer: grow it.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellation).ConfigureAwait(false);
        if (read == 0) _endOfStream = true;
        _end += read;
    }

    private static ImpactResponseException Unexpected(Utf8JsonReader reader, string expected) =>
        new($"Expected {expected} in the list answer but found {reader.TokenType} at byte {reader.TokenStartIndex}.");

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = Array.Empty<byte>();
    }
}
