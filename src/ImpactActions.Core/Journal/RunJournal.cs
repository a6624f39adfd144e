using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImpactActions.Core.Errors;

namespace ImpactActions.Core.Journal;

/// <summary>
/// The resumable-run file: JSON lines, one per event of a request, appended and flushed to disk before
/// the next request is sent. A run holds it exclusively (another process or runspace gets
/// <see cref="ErrorKinds.JournalInUse"/> before it sends anything). A line cut short by a crash is
/// closed off with a line break before anything is appended, and ignored; everything before it stands.
/// Version 1 journals (a line per row) are read too: consecutive rows with one body and status are one request.
/// </summary>
public sealed class RunJournal : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Stream _file;
    private readonly Dictionary<string, JournalRequest> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JournalRequest> _byRowKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JournalRequest> _byBatchId = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The requests holding a row of each effect (<see cref="JournalRow.Effect"/>): a rerun looks each new relative row up once, not through every request.</summary>
    private readonly Dictionary<string, HashSet<JournalRequest>> _byEffect = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accounts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A journal over any stream: tests use one that fails, as a full disk does.</summary>
    internal RunJournal(string path, Stream file)
    {
        Path = path;
        _file = file;
        Load();
    }

    public string Path { get; }

    /// <summary>Lines that could not be read (a cut last line, or damage): ignored.</summary>
    public int UnreadableLines { get; private set; }

    /// <summary>Opens (or creates) a journal and holds it until disposed; its lines so far decide what a rerun skips.</summary>
    public static RunJournal Open(string path)
    {
        FileStream file;
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            throw new JournalException(ErrorKinds.JournalInUse,
                $"The journal '{path}' is in use by another run (another process or runspace), so nothing was sent; wait for that run to finish, or give this one its own -JournalPath.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new JournalException(ErrorKinds.JournalUnavailable, $"The journal '{path}' cannot be opened, so nothing was sent: {e.Message}", e);
        }
        try
        {
            return new RunJournal(path, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file.Dispose();
            throw new JournalException(ErrorKinds.JournalUnavailable, $"The journal '{path}' cannot be read, so nothing was sent: {e.Message}", e);
        }
    }

    /// <summary>Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION; EWOULDBLOCK on Linux (11) and macOS (35), where .NET locks with flock.</summary>
    private static bool IsSharingViolation(IOException e) => (e.HResult & 0xFFFF) is 32 or 33 || e.HResult is 11 or 35;

    /// <summary>The latest request that held the row with this key, or null.</summary>
    public JournalRequest? LatestFor(string rowKey) => _byRowKey.TryGetValue(rowKey, out var request) ? request : null;

    public JournalRequest? ByBatchId(string batchId) => _byBatchId.TryGetValue(batchId, out var request) ? request : null;

    /// <summary>Requests that may still change an item: queued and not seen complete, or sent with an unknown outcome.</summary>
    public IEnumerable<JournalRequest> Unfinished => _requests.Values.Where(r => r.IsPending || r.IsUnknown);

    /// <summary>
    /// Refuses a journal that records requests to another account or address (<see cref="ErrorKinds.JournalOtherAccount"/>):
    /// a rehearsal on the sandbox, then the real account, must not skip the real account's rows.
    /// </summary>
    public void CheckAccount(string account)
    {
        if (_accounts.FirstOrDefault(a => !string.Equals(a, account, StringComparison.OrdinalIgnoreCase)) is { } other)
            throw new JournalException(ErrorKinds.JournalOtherAccount,
                $"The journal '{Path}' records requests to {other}, and this connection is to {account}, so nothing was sent: give this run its own -JournalPath (a journal belongs to one account at one address).");
    }

    /// <summary>BatchIds this journal has recorded: submissions a lookup must not attribute to another request.</summary>
    public IEnumerable<string> KnownBatchIds => _byBatchId.Keys;

    /// <summary>The requests the journal holds now, by id.</summary>
    public IReadOnlyCollection<string> RequestIds => _requests.Keys.ToList();

    /// <summary>The journalled rows with this effect (<see cref="JournalRow.Effect"/>), with their requests.</summary>
    public IEnumerable<(JournalRequest Request, JournalRow Row)> RowsWithEffect(string effect) =>
        _byEffect.TryGetValue(effect, out var requests)
            ? requests.SelectMany(r => r.Rows.Where(row => row.Effect == effect).Select(row => (r, row)))
            : Enumerable.Empty<(JournalRequest, JournalRow)>();

    /// <summary>Appends one line and flushes it to disk before returning; <see cref="JournalException"/> when it cannot.</summary>
    public void Record(JournalRecord record)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
        try
        {
            _file.Write(line, 0, line.Length);
            FlushToDisk();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            throw new JournalException(ErrorKinds.JournalUnavailable, $"The journal '{Path}' cannot be written ({e.Message}), so the run stopped before its next request.", e);
        }
        Apply(record);
    }

    private void Load()
    {
        var bytes = new byte[_file.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = _file.Read(bytes, read, bytes.Length - read);
            if (n == 0) break;
            read += n;
        }
        JournalRecord? previousV1 = null;
        JournalRequest? groupV1 = null;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, read).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            JournalRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<JournalRecord>(line, Json);
            }
            catch (JsonException)
            {
                UnreadableLines++;
                continue;
            }
            if (record is null) continue;
            if (record.Request.Length > 0)
            {
                Apply(record);
                continue;
            }
            if (record.Key is not { Length: > 0 } key) continue;
            // Version 1: rows sent together were written one after the other with the same body and status.
            var sameRequest = previousV1 is not null && groupV1 is not null && previousV1.Status == record.Status && previousV1.Payload == record.Payload
                              && record.Payload is not null && !groupV1.Rows.Any(r => r.Key == key);
            if (!sameRequest) groupV1 = new JournalRequest("v1:" + _requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)) { SentAt = record.At };
            var rows = groupV1!.Rows.ToList();
            rows.Add(new JournalRow { Key = key, Row = record.Row ?? 0, Relative = record.Payload?.Contains("ItemSubTotalDelta", StringComparison.Ordinal) ?? true });
            groupV1.Rows = rows;
            groupV1.Status = record.Status;
            groupV1.Payload = record.Payload;
            groupV1.BatchId = record.BatchId ?? groupV1.BatchId;
            groupV1.QueuedUri = record.QueuedUri ?? groupV1.QueuedUri;
            Index(groupV1);
            previousV1 = record;
        }
        if (read > 0 && bytes[read - 1] != (byte)'\n')
        {
            // A line cut short by a crash: end it, so the next record starts a line of its own.
            _file.Seek(0, SeekOrigin.End);
            _file.WriteByte((byte)'\n');
            FlushToDisk();
        }
        _file.Seek(0, SeekOrigin.End);
    }

    private void FlushToDisk()
    {
        if (_file is FileStream file) file.Flush(flushToDisk: true);
        else _file.Flush();
    }

    private void Apply(JournalRecord record)
    {
        if (!_requests.TryGetValue(record.Request, out var request))
            request = new JournalRequest(record.Request) { SentAt = record.At };
        request.Status = record.Status;
        if (record.Rows is not null) request.Rows = record.Rows;
        if (record.Skus is not null) request.Skus = record.Skus;
        if (record.Payload is not null) request.Payload = record.Payload;
        request.ActionId = record.ActionId ?? request.ActionId;
        request.ActionTrackerId = record.ActionTrackerId ?? request.ActionTrackerId;
        request.OrderId = record.OrderId ?? request.OrderId;
        request.BatchId = record.BatchId ?? request.BatchId;
        request.QueuedUri = record.QueuedUri ?? request.QueuedUri;
        if (record.Status == JournalStatus.Sending) request.SentAt = record.At;
        if (record.Account is not null) _accounts.Add(record.Account);
        Index(request);
    }

    private void Index(JournalRequest request)
    {
        _requests[request.Id] = request;
        foreach (var row in request.Rows)
        {
            _byRowKey[row.Key] = request;
            if (row.Effect is not { } effect) continue;
            if (!_byEffect.TryGetValue(effect, out var holding)) _byEffect[effect] = holding = new HashSet<JournalRequest>();
            holding.Add(request);
        }
        if (request.BatchId is not null) _byBatchId[request.BatchId] = request;
    }

    public void Dispose() => _file.Dispose();
}
