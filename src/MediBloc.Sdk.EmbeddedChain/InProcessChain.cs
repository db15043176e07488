using System.Globalization;
using System.Numerics;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain.Blocks;
using MediBloc.Sdk.EmbeddedChain.Execution;
using MediBloc.Sdk.EmbeddedChain.Persistence;
using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.EVM;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace MediBloc.Sdk.EmbeddedChain;

/// <summary>
/// An EVM chain that runs in the current process: real contract bytecode executed by Nethereum.EVM with the
/// Prague rules over in-memory world state, one block per transaction (automine), funded dev accounts
/// (anvil's), and a JSON-RPC client (<see cref="CreateRpcClient"/>) that unchanged Nethereum <c>Web3</c> and
/// contract-handler code can use without a node, Node.js or sockets.
/// </summary>
/// <remarks>
/// <para>
/// Transactions are validated as a node validates them (signature, chain id, nonce, balance, intrinsic gas,
/// gas limit, fees); a rejected transaction throws a <see cref="ChainException"/> and changes nothing. An
/// accepted one is mined at once: if it reverts or runs out of gas, its receipt has status 0, the sender's
/// nonce still advances and the gas is still charged, as on a real chain. Each transaction starts cold (no
/// warm addresses or slots, no transient storage), so gas used matches anvil's.
/// </para>
/// <para>
/// Limits: no networking, no mempool (a transaction behind a nonce gap of up to <see cref="MaxQueuedNonceGap"/> waits in its
/// sender's queue until the gap closes; a larger gap is rejected), one transaction per block, a fixed base fee, block hashes are not Ethereum header hashes, and no Osaka opcodes. State at an older block is
/// rebuilt on demand by undoing later blocks (each such query copies the state once). Thread-safe: calls are
/// serialised.
/// </para>
/// </remarks>
public sealed partial class InProcessChain
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly InProcessChainOptions _options;
    private readonly EvmRunner _runner = new(HardforkConfig.Prague);
    private readonly Dictionary<string, string> _devKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChainSnapshot> _snapshots = new(StringComparer.Ordinal);
    private WorldState _state;
    private List<MinedBlock> _blocks = [];
    private List<StateUndo> _undo = [];
    private Dictionary<string, MinedTransaction> _transactions = new(StringComparer.Ordinal);
    private Dictionary<string, MinedBlock> _blocksByHash = new(StringComparer.Ordinal);
    private long _timeOffsetSeconds;
    private int _nextSnapshot;

    /// <summary>Creates a chain with a genesis block and funded dev accounts.</summary>
    /// <param name="options">The chain's settings; <see langword="null"/> for anvil-like defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public InProcessChain(InProcessChainOptions? options = null)
        : this(options, genesisClock: null)
    {
    }

    private InProcessChain(InProcessChainOptions? options, long? genesisClock)
    {
        _options = options ?? new InProcessChainOptions();
        _options.Validate();
        _frozenClock = genesisClock ?? _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        _genesisClock = _frozenClock.Value;
        _state = new WorldState(BlockHashOf);
        var accounts = new List<InProcessChainAccount>(_options.AccountCount);
        for (var i = 0; i < _options.AccountCount; i++)
        {
            var address = Addresses.Normalize(DevKeys.Addresses[i]);
            _devKeys[address] = DevKeys.All[i];
            _state.GetOrCreate(address).Balance = _options.AccountBalance;
            accounts.Add(new InProcessChainAccount(Addresses.Checksum(address), DevKeys.All[i]));
        }
        Accounts = accounts;
        AppendBlock(NowSeconds(), [], BigInteger.Zero, StateUndo.Empty);
        _frozenClock = null;
    }

    /// <summary>The chain id.</summary>
    public long ChainId => _options.ChainId;

    /// <summary>The funded dev accounts, in anvil's order.</summary>
    public IReadOnlyList<InProcessChainAccount> Accounts { get; }

    /// <summary>The number of the latest block (0 is genesis).</summary>
    public long BlockNumber
    {
        get
        {
            _gate.Wait();
            try
            {
                return Latest.Number;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>The base fee per gas of every block, in wei.</summary>
    public BigInteger BaseFeePerGas => _options.BaseFeePerGas;

    /// <summary>The block gas limit.</summary>
    public long BlockGasLimit => _options.BlockGasLimit;

    /// <summary>Creates a Nethereum JSON-RPC client served by this chain in-process: pass it to <c>new Web3(account, client)</c>.</summary>
    /// <returns>A client; any number may share one chain.</returns>
    public InProcessChainRpcClient CreateRpcClient() => new(this);

    private MinedBlock Latest => _blocks[^1];

    private long NowSeconds() => ClockSeconds() + _timeOffsetSeconds;

    private long NextTimestamp() => Math.Max(Latest.Timestamp, NowSeconds());

    private byte[]? BlockHashOf(BigInteger number) =>
        number >= 0 && number < _blocks.Count ? _blocks[(int)number].Hash.HexToByteArray() : null;

    private BlockEnvironment NextBlockEnvironment() =>
        new(Latest.Number + 1, NextTimestamp(), _options.BaseFeePerGas, _options.BlockGasLimit, _options.ChainId, Addresses.Zero);

    private BlockEnvironment BlockEnvironmentAt(long number)
    {
        var block = _blocks[(int)number];
        return new(block.Number, block.Timestamp, block.BaseFee, block.GasLimit, _options.ChainId, Addresses.Zero);
    }

    /// <summary>The world state after block <paramref name="number"/>: the live state for the latest block, else a copy rebuilt by undoing later blocks.</summary>
    private WorldState StateAt(long number)
    {
        if (number == Latest.Number)
        {
            return _state;
        }
        var state = _state.Clone();
        for (var n = Latest.Number; n > number; n--)
        {
            state.Undo(_undo[(int)n]);
        }
        return state;
    }

    /// <summary>Resolves a block number asked for by a query: <see langword="null"/> is the latest.</summary>
    private long ResolveBlock(long? number)
    {
        var latest = Latest.Number;
        if (number is not { } n)
        {
            return latest;
        }
        if (n < 0 || n > latest)
        {
            throw new ChainException(
                string.Create(CultureInfo.InvariantCulture, $"Block {n} has not been mined yet (latest is {latest})."),
                InProcessChainErrors.UnknownBlock);
        }
        return n;
    }

    private MinedBlock AppendBlock(long timestamp, IReadOnlyList<string> transactionHashes, BigInteger gasUsed, StateUndo undo)
    {
        var number = _blocks.Count;
        var parent = number == 0 ? "0x" + new string('0', 64) : Latest.Hash;
        var seed = string.Create(CultureInfo.InvariantCulture, $"medibloc-embedded|{_options.ChainId}|{number}|{parent}|{timestamp}|{string.Join(',', transactionHashes)}");
        var hash = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(seed)).ToHex(true);
        var block = new MinedBlock(number, hash, parent, timestamp, _options.BaseFeePerGas, _options.BlockGasLimit, gasUsed, transactionHashes);
        _blocks.Add(block);
        _undo.Add(undo);
        _blocksByHash[hash] = block;
        return block;
    }

    /// <summary>Advances the chain's clock: the next block's timestamp is at least this much later (anvil's <c>evm_increaseTime</c>). Mines nothing.</summary>
    /// <param name="by">How far to move the clock; whole seconds, not negative.</param>
    /// <returns>The total offset from the time provider's clock, in seconds.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public long IncreaseTime(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _gate.Wait();
        try
        {
            var clock = Freeze();
            _timeOffsetSeconds += (long)by.TotalSeconds;
            Record(JournalEntryKind.IncreaseTime, clock, Int64Bytes((long)by.TotalSeconds));
            return _timeOffsetSeconds;
        }
        finally
        {
            Unfreeze();
            _gate.Release();
        }
    }

    /// <summary>
    /// Sets the next block's timestamp (anvil's <c>evm_setNextBlockTimestamp</c>); later blocks follow the clock from
    /// there, as <see cref="IncreaseTime(TimeSpan)"/> would have moved it. Mines nothing.
    /// </summary>
    /// <param name="timestamp">The next block's time; not before the latest block's.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestamp"/> is before the latest block's timestamp.</exception>
    public void SetNextBlockTimestamp(DateTimeOffset timestamp)
    {
        _gate.Wait();
        try
        {
            var clock = Freeze();
            var seconds = timestamp.ToUnixTimeSeconds();
            if (seconds < Latest.Timestamp)
            {
                throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, string.Create(CultureInfo.InvariantCulture,
                    $"The next block's timestamp cannot be before the latest block's ({Latest.Timestamp})."));
            }
            _timeOffsetSeconds = seconds - clock;
            Record(JournalEntryKind.SetNextBlockTimestamp, clock, Int64Bytes(seconds));
        }
        finally
        {
            Unfreeze();
            _gate.Release();
        }
    }

    /// <summary>Mines an empty block now (anvil's <c>evm_mine</c>).</summary>
    /// <returns>The new block's number.</returns>
    public long Mine()
    {
        _gate.Wait();
        try
        {
            var clock = Freeze();
            var number = AppendBlock(NextTimestamp(), [], BigInteger.Zero, StateUndo.Empty).Number;
            Record(JournalEntryKind.Mine, clock, []);
            return number;
        }
        finally
        {
            Unfreeze();
            _gate.Release();
        }
    }

    /// <summary>Saves the whole chain (state, blocks, clock) and returns an id for <see cref="Revert(string)"/> (anvil's <c>evm_snapshot</c>).</summary>
    /// <returns>The snapshot id, a hex quantity counting from <c>0x0</c> as anvil's.</returns>
    public string Snapshot()
    {
        _gate.Wait();
        try
        {
            var id = Addresses.ToHexQuantity(_nextSnapshot++);
            _snapshots[id] = new ChainSnapshot(_state.Clone(), [.. _blocks], [.. _undo], new(_transactions, StringComparer.Ordinal), new(_blocksByHash, StringComparer.Ordinal), _timeOffsetSeconds, CopyQueue());
            Record(JournalEntryKind.Snapshot, ClockSeconds(), []);
            return id;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restores the chain to a snapshot (anvil's <c>evm_revert</c>); that snapshot and later ones are used up.</summary>
    /// <param name="snapshotId">An id from <see cref="Snapshot"/>.</param>
    /// <returns><see langword="true"/> if the snapshot existed and was restored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshotId"/> is null.</exception>
    public bool Revert(string snapshotId)
    {
        ArgumentNullException.ThrowIfNull(snapshotId);
        _gate.Wait();
        try
        {
            var key = NormalizeSnapshotId(snapshotId);
            if (key is null || !_snapshots.TryGetValue(key, out var snapshot))
            {
                return false;
            }
            var n = Convert.ToInt64(key[2..], 16);
            foreach (var later in _snapshots.Keys.Where(k => Convert.ToInt64(k[2..], 16) >= n).ToList())
            {
                _snapshots.Remove(later);
            }
            _state = snapshot.State;
            _blocks = snapshot.Blocks;
            _undo = snapshot.Undo;
            _transactions = snapshot.Transactions;
            _blocksByHash = snapshot.BlocksByHash;
            _timeOffsetSeconds = snapshot.TimeOffsetSeconds;
            _queued = snapshot.Queued;
            Record(JournalEntryKind.Revert, ClockSeconds(), System.Text.Encoding.UTF8.GetBytes(key));
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string? NormalizeSnapshotId(string id)
    {
        var hex = id.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? id[2..] : id;
        return long.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var n) ? Addresses.ToHexQuantity(n) : null;
    }

    /// <summary>Sets an account's balance (anvil's <c>anvil_setBalance</c>).</summary>
    /// <param name="address">The 0x-prefixed account address.</param>
    /// <param name="wei">The new balance, in wei.</param>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a 20-byte hex address.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="wei"/> is negative.</exception>
    public void SetBalance(string address, BigInteger wei)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Addresses.IsValid(address))
        {
            throw new ArgumentException("Expected a 0x-prefixed 20-byte hex address.", nameof(address));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(wei, BigInteger.Zero);
        _gate.Wait();
        try
        {
            // Recorded against the latest block, so the state at an older block still shows the balance before.
            _undo[^1] = _undo[^1].Then(_state.SetBalance(address, wei));
            Record(JournalEntryKind.SetBalance, ClockSeconds(), [.. Addresses.Normalize(address).HexToByteArray(), .. wei.ToByteArray(isUnsigned: true, isBigEndian: true)]);
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record ChainSnapshot(
        WorldState State,
        List<MinedBlock> Blocks,
        List<StateUndo> Undo,
        Dictionary<string, MinedTransaction> Transactions,
        Dictionary<string, MinedBlock> BlocksByHash,
        long TimeOffsetSeconds,
        Dictionary<string, SortedDictionary<BigInteger, DecodedTransaction>> Queued);
}
