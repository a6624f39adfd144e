using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ImpactActions.Core.Json;

internal delegate void FieldReader<in T>(ref Utf8JsonReader reader, T target);

/// <summary>
/// Finds the reader for a property from its UTF-8 name without allocating a string: a hash of the
/// name's bytes picks the candidate, a byte comparison confirms it. Unknown properties are skipped.
/// </summary>
internal sealed class RecordFieldMap<T>
{
    private readonly Dictionary<ulong, (byte[] Name, FieldReader<T> Read)> _byHash = new();

    public RecordFieldMap(params (string Name, FieldReader<T> Read)[] fields)
    {
        foreach (var (name, read) in fields)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            _byHash.Add(Hash(bytes), (bytes, read));
        }
    }

    /// <summary>The reader for the property the reader is on, or null for a property this map does not know.</summary>
    public FieldReader<T>? Find(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            var name = Encoding.UTF8.GetBytes(reader.GetString() ?? "");
            return Lookup(name);
        }
        return Lookup(reader.ValueSpan);
    }

    private FieldReader<T>? Lookup(ReadOnlySpan<byte> name) =>
        _byHash.TryGetValue(Hash(name), out var entry) && name.SequenceEqual(entry.Name) ? entry.Read : null;

    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>
    /// Reads one object's properties into <paramref name="target"/>; the reader is on its StartObject.
    /// False when the data ran out before the object ended (the caller rolls back and supplies more).
    /// </summary>
    public bool TryRead(ref Utf8JsonReader reader, T target)
    {
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            var field = Find(ref reader);
            if (!reader.Read()) return false;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (!reader.TrySkip()) return false;
                continue;
            }
            field?.Invoke(ref reader, target);
        }
    }
}
