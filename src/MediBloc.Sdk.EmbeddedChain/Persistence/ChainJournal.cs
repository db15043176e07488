using System.Buffers.Binary;
using System.Globalization;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.EmbeddedChain.Persistence;

/// <summary>What a journal entry replays.</summary>
internal enum JournalEntryKind : byte
{
    Header = 0,
    RawTransaction = 1,
    IncreaseTime = 2,
    SetNextBlockTimestamp = 3,
    Mine = 4,
    SetBalance = 5,
    Snapshot = 6,
    Revert = 7,
}

/// <summary>One journal entry: the kind, the chain clock's reading (Unix seconds, before any offset) when it was applied, and its data.</summary>
internal sealed record JournalEntry(JournalEntryKind Kind, long ClockSeconds, byte[] Data);

/// <summary>
/// An append-only file of the operations that changed an <see cref="InProcessChain"/>, each appended and flushed to the
/// disk before the operation returns. Each entry is framed as a 4-byte little-endian length, the first 8 bytes of the
/// Keccak-256 of the payload, and the payload (kind, clock reading, data). A last entry cut short (a crash in the middle
/// of an append) is dropped on load and the file truncated to the entries before it; a damaged entry followed by
/// others is corruption.
/// </summary>
internal sealed class ChainJournal
{
    private const int FrameHeader = 12;
    private static readonly byte[] Magic = "MBCHAIN1"u8.ToArray();
    private const int MaxEntry = 16 << 20;
    private readonly string _path;
    private long _length;

    private ChainJournal(string path, long length)
    {
        _path = path;
        _length = length;
    }

    /// <summary>Reads a journal (dropping a torn tail) or, when the file does not exist, returns no entries.</summary>
    public static (ChainJournal Journal, IReadOnlyList<JournalEntry> Entries) Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            var folder = Path.GetDirectoryName(full)!;
            PrivateFiles.CreateFolder(folder);
            return (new ChainJournal(full, -1), []);
        }

        var bytes = File.ReadAllBytes(full);
        var entries = new List<JournalEntry>();
        if (bytes.Length >= Magic.Length && !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw Corrupted(full, 0, "not a chain journal");
        }
        var offset = Magic.Length;
        while (offset < bytes.Length)
        {
            var remaining = bytes.Length - offset;
            if (remaining < FrameHeader)
            {
                break; // torn frame header
            }
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            if (length < 9 || length > MaxEntry)
            {
                throw Corrupted(full, offset, "an impossible entry length");
            }
            if (length > remaining - FrameHeader)
            {
                break; // torn payload
            }
            var payload = bytes.AsSpan(offset + FrameHeader, length);
            var last = offset + FrameHeader + length == bytes.Length;
            if (!Keccak256.Hash(payload)[..8].AsSpan().SequenceEqual(bytes.AsSpan(offset + 4, 8)))
            {
                if (last)
                {
                    break; // the last entry was being written when the process stopped
                }
                throw Corrupted(full, offset, "a checksum mismatch");
            }
            var kind = (JournalEntryKind)payload[0];
            if (!Enum.IsDefined(kind) || (entries.Count == 0) != (kind == JournalEntryKind.Header))
            {
                throw Corrupted(full, offset, "an unexpected entry kind");
            }
            entries.Add(new JournalEntry(kind, BinaryPrimitives.ReadInt64LittleEndian(payload[1..]), payload[9..].ToArray()));
            offset += FrameHeader + length;
        }

        if (entries.Count == 0)
        {
            // The process stopped while writing the first entry: nothing was ever acknowledged; start over.
            offset = 0;
        }
        if (offset != bytes.Length)
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.None);
            stream.SetLength(offset);
            stream.Flush(flushToDisk: true);
        }
        return (new ChainJournal(full, offset), entries);
    }

    /// <summary>Appends one entry and flushes it to the disk; creates the file (owner-only) with the first entry.</summary>
    /// <exception cref="ChainException">Another process appended to the journal since this one loaded it (code <see cref="InProcessChainErrors.JournalConflict"/>).</exception>
    public void Append(JournalEntry entry)
    {
        var payload = new byte[9 + entry.Data.Length];
        payload[0] = (byte)entry.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(1), entry.ClockSeconds);
        entry.Data.CopyTo(payload.AsSpan(9));
        var frame = new byte[FrameHeader + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        Keccak256.Hash(payload).AsSpan(0, 8).CopyTo(frame.AsSpan(4));
        payload.CopyTo(frame.AsSpan(FrameHeader));

        var created = _length < 0;
        if (_length <= 0)
        {
            frame = [.. Magic, .. frame];
        }
        FileStreamOptions options;
        if (created)
        {
            options = PrivateFiles.NewFileOptions(bufferSize: 0);
        }
        else
        {
            options = new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        }
        using (var stream = new FileStream(_path, options))
        {
            var expected = Math.Max(_length, 0);
            if (stream.Length != expected)
            {
                throw new ChainException(
                    string.Create(CultureInfo.InvariantCulture, $"The chain journal {_path} changed on disk ({stream.Length} bytes, expected {expected}): another process is using the same chain. Reopen it."),
                    InProcessChainErrors.JournalConflict);
            }
            stream.Seek(expected, SeekOrigin.Begin);
            stream.Write(frame);
            stream.Flush(flushToDisk: true);
            _length = expected + frame.Length;
        }
        if (created)
        {
            PrivateFiles.SyncFolder(Path.GetDirectoryName(_path)!);
        }
    }

    private static ChainException Corrupted(string path, int offset, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The chain journal {path} is corrupted at byte {offset} ({what}); restore it from a backup or start a new chain."),
            InProcessChainErrors.JournalCorrupted);
}
