using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImpactActions.Core.Journal;

/// <summary>
/// An append-only file of JSON lines recording each row's key and what the API did with it, written
/// and flushed to disk before the next request, so a run killed at any point can be rerun: rows
/// already accepted are skipped, rows whose answer was lost are looked up before being sent again.
/// </summary>
public sealed class RunJournal : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Dictionary<string, JournalEntry> _last = new(StringComparer.Ordinal);
    private readonly HashSet<string> _batchIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileStream _file;
    private readonly StreamWriter _writer;

    private RunJournal(string path)
    {
        Path = path;
        if (File.Exists(path))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                JournalEntry? entry;
                try
                {
                    entry = JsonSerializer.Deserialize<JournalEntry>(line, Json);
                }
                catch (JsonException)
                {
                    // A line cut short by a kill mid-write: everything before it stands.
                    continue;
                }
                if (entry is null || entry.Key.Length == 0) continue;
                _last[entry.Key] = entry;
                if (entry.BatchId is not null) _batchIds.Add(entry.BatchId);
            }
        }
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(_file, new UTF8Encoding(false));
    }

    public string Path { get; }

    /// <summary>Rows the journal knows about.</summary>
    public int Count => _last.Count;

    /// <summary>Opens (or creates) a journal; its lines so far decide what a rerun skips.</summary>
    public static RunJournal Open(string path)
    {
        try
        {
            return new RunJournal(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The journal '{path}' cannot be opened: {e.Message}", e);
        }
    }

    public JournalEntry? Last(string key) => _last.TryGetValue(key, out var entry) ? entry : null;

    /// <summary>BatchIds this journal has recorded: submissions a lookup must not attribute to another row.</summary>
    public ISet<string> KnownBatchIds => _batchIds;

    /// <summary>Appends the entries and flushes them to disk before returning.</summary>
    public void Record(IEnumerable<JournalEntry> entries)
    {
        foreach (var entry in entries)
        {
            _writer.WriteLine(JsonSerializer.Serialize(entry, Json));
            _last[entry.Key] = entry;
            if (entry.BatchId is not null) _batchIds.Add(entry.BatchId);
        }
        _writer.Flush();
        _file.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}
