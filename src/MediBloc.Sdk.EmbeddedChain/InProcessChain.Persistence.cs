using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Persistence;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.EmbeddedChain;

public sealed partial class InProcessChain
{
    private ChainJournal? _journal;
    private long? _frozenClock;
    private long _genesisClock;

    /// <summary>The journal file that keeps this chain across processes, or <see langword="null"/> for a chain in memory only.</summary>
    public string? JournalPath { get; private set; }

    /// <summary>
    /// Opens a chain kept in a journal file, creating the file (owner-only) if it does not exist. The journal records
    /// every accepted transaction (raw, as signed) and every clock or balance adjustment, each with the clock reading
    /// it was applied at; loading replays them in order, so the reopened chain has the same blocks, hashes, receipts,
    /// logs, balances and timestamps as the one that wrote it.
    /// </summary>
    /// <param name="journalPath">The journal file; its folder is created owner-only if missing.</param>
    /// <param name="options">The chain's settings; must match those the journal was created with (chain id, dev
    /// accounts, balances, gas limit, base fee). <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the replay; the file is left as it was.</param>
    /// <returns>The chain, at the state after the last complete journal entry.</returns>
    /// <remarks>
    /// <para>
    /// Crash safety: each operation is appended and flushed to the disk before it returns, so an operation a caller
    /// saw succeed is never lost. A last entry cut short by a crash (never acknowledged) is dropped and the file
    /// truncated to the entries before it. A damaged entry followed by others, a file that is not a journal, or an
    /// entry that no longer replays is reported as corruption, never repaired silently.
    /// </para>
    /// <para>
    /// One process at a time: an append checks that the file still has the length this chain last saw, so a second
    /// process appending to the same journal fails with <see cref="InProcessChainErrors.JournalConflict"/> instead of
    /// interleaving. Loading replays every transaction, so it takes time in proportion to the chain's history.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="journalPath"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ChainException">The journal is corrupted (code <see cref="InProcessChainErrors.JournalCorrupted"/>) or was written with other options (code <see cref="InProcessChainErrors.JournalMismatch"/>).</exception>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<InProcessChain> OpenAsync(string journalPath, InProcessChainOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journalPath);
        options ??= new InProcessChainOptions();
        options.Validate();
        var (journal, entries) = ChainJournal.Load(journalPath);
        var fingerprint = Fingerprint(options);
        InProcessChain chain;
        if (entries.Count == 0)
        {
            chain = new InProcessChain(options, genesisClock: null);
            journal.Append(new JournalEntry(JournalEntryKind.Header, chain._genesisClock, System.Text.Encoding.UTF8.GetBytes(fingerprint)));
        }
        else
        {
            var written = System.Text.Encoding.UTF8.GetString(entries[0].Data);
            if (written != fingerprint)
            {
                throw new ChainException(
                    $"The chain journal {journalPath} was written by a chain with other settings ({written}); open it with those (now {fingerprint}).",
                    InProcessChainErrors.JournalMismatch);
            }
            chain = new InProcessChain(options, entries[0].ClockSeconds);
            for (var i = 1; i < entries.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await chain.ReplayAsync(entries[i], i, journalPath).ConfigureAwait(false);
            }
        }
        chain._journal = journal;
        chain.JournalPath = Path.GetFullPath(journalPath);
        return chain;
    }

    private async Task ReplayAsync(JournalEntry entry, int index, string path)
    {
        _replayClock = entry.ClockSeconds;
        try
        {
            var data = entry.Data;
            switch (entry.Kind)
            {
                case JournalEntryKind.RawTransaction:
                    await SendRawTransactionAsync(data.ToHex(true)).ConfigureAwait(false);
                    break;
                case JournalEntryKind.IncreaseTime:
                    IncreaseTime(TimeSpan.FromSeconds(BinaryPrimitives.ReadInt64LittleEndian(data)));
                    break;
                case JournalEntryKind.SetNextBlockTimestamp:
                    SetNextBlockTimestamp(DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(data)));
                    break;
                case JournalEntryKind.Mine:
                    Mine();
                    break;
                case JournalEntryKind.SetBalance:
                    SetBalance(data.AsSpan(0, 20).ToArray().ToHex(true), new BigInteger(data.AsSpan(20), isUnsigned: true, isBigEndian: true));
                    break;
                case JournalEntryKind.Snapshot:
                    Snapshot();
                    break;
                case JournalEntryKind.Revert:
                    if (!Revert(System.Text.Encoding.UTF8.GetString(data)))
                    {
                        throw new InvalidOperationException("The snapshot to revert to does not exist.");
                    }
                    break;
                default:
                    throw new InvalidOperationException("An unexpected entry kind.");
            }
        }
        catch (Exception ex) when (ex is MediBlocException or ArgumentException or InvalidOperationException)
        {
            throw new ChainException(
                string.Create(CultureInfo.InvariantCulture, $"The chain journal {path} is corrupted: entry {index} ({entry.Kind}) no longer replays ({ex.Message})."),
                InProcessChainErrors.JournalCorrupted, ex);
        }
        finally
        {
            _replayClock = null;
        }
    }

    private long? _replayClock;

    private static string Fingerprint(InProcessChainOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"v1 chainId={options.ChainId} accounts={options.AccountCount} balance={options.AccountBalance} gasLimit={options.BlockGasLimit} baseFee={options.BaseFeePerGas}");

    /// <summary>The clock (Unix seconds, before the chain's offset): fixed for the length of one operation, so every block it mines sees the same reading that the journal records.</summary>
    private long ClockSeconds() => _frozenClock ?? _replayClock ?? _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    private long Freeze()
    {
        _frozenClock = _replayClock ?? _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        return _frozenClock.Value;
    }

    private void Unfreeze() => _frozenClock = null;

    /// <summary>Appends an operation that changed the chain to the journal, if the chain has one (not while replaying it).</summary>
    private void Record(JournalEntryKind kind, long clock, byte[] data) => _journal?.Append(new JournalEntry(kind, clock, data));

    private static byte[] Int64Bytes(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }
}
