using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Blocks;
using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.EmbeddedChain;

public sealed partial class InProcessChain
{
    /// <summary>An account's balance after a block, in wei.</summary>
    /// <param name="address">The 0x-prefixed address.</param>
    /// <param name="blockNumber">The block whose state to read; <see langword="null"/> for the latest.</param>
    /// <returns>The balance; 0 for an unknown account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a 20-byte hex address.</exception>
    /// <exception cref="ChainException">The block has not been mined (code <see cref="InProcessChainErrors.UnknownBlock"/>).</exception>
    public BigInteger GetBalance(string address, long? blockNumber = null) => Read(address, blockNumber, (s, a) => s.GetBalance(a));

    /// <summary>An account's nonce (its transaction count) after a block.</summary>
    /// <param name="address">The 0x-prefixed address.</param>
    /// <param name="blockNumber">The block whose state to read; <see langword="null"/> for the latest.</param>
    /// <returns>The nonce; 0 for an unknown account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a 20-byte hex address.</exception>
    /// <exception cref="ChainException">The block has not been mined (code <see cref="InProcessChainErrors.UnknownBlock"/>).</exception>
    public BigInteger GetTransactionCount(string address, long? blockNumber = null) => Read(address, blockNumber, (s, a) => s.GetNonce(a));

    /// <summary>An account's code after a block.</summary>
    /// <param name="address">The 0x-prefixed address.</param>
    /// <param name="blockNumber">The block whose state to read; <see langword="null"/> for the latest.</param>
    /// <returns>The runtime bytecode; empty for an account without code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a 20-byte hex address.</exception>
    /// <exception cref="ChainException">The block has not been mined (code <see cref="InProcessChainErrors.UnknownBlock"/>).</exception>
    public byte[] GetCode(string address, long? blockNumber = null) => Read(address, blockNumber, (s, a) => s.GetCode(a).ToArray());

    /// <summary>One 32-byte storage slot of an account after a block.</summary>
    /// <param name="address">The 0x-prefixed address.</param>
    /// <param name="slot">The slot.</param>
    /// <param name="blockNumber">The block whose state to read; <see langword="null"/> for the latest.</param>
    /// <returns>The slot's 32-byte value, left-padded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a 20-byte hex address.</exception>
    /// <exception cref="ChainException">The block has not been mined (code <see cref="InProcessChainErrors.UnknownBlock"/>).</exception>
    public byte[] GetStorageAt(string address, BigInteger slot, long? blockNumber = null) => Read(address, blockNumber, (s, a) =>
    {
        var value = s.GetStorage(a, slot);
        var word = new byte[32];
        value.AsSpan(Math.Max(0, value.Length - 32)).CopyTo(word.AsSpan(Math.Max(0, 32 - value.Length)));
        return word;
    });

    /// <summary>A mined transaction's receipt.</summary>
    /// <param name="transactionHash">The 0x-prefixed transaction hash.</param>
    /// <returns>The receipt, or <see langword="null"/> for an unknown hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactionHash"/> is null.</exception>
    public TransactionReceipt? GetTransactionReceipt(string transactionHash) =>
        FindTransaction(transactionHash) is { } t ? DtoMapper.ToReceipt(t) : null;

    /// <summary>A mined transaction.</summary>
    /// <param name="transactionHash">The 0x-prefixed transaction hash.</param>
    /// <returns>The transaction, or <see langword="null"/> for an unknown hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactionHash"/> is null.</exception>
    public Transaction? GetTransaction(string transactionHash) =>
        FindTransaction(transactionHash) is { } t ? DtoMapper.ToTransaction(t) : null;

    /// <summary>A block by number, with its transaction hashes.</summary>
    /// <param name="number">The block number (0 is genesis).</param>
    /// <returns>The block, or <see langword="null"/> when no such block was mined yet.</returns>
    public BlockWithTransactionHashes? GetBlock(long number)
    {
        var block = FindBlock(number);
        return block is null ? null : DtoMapper.ToBlock(block, new BlockWithTransactionHashes { TransactionHashes = [.. block.TransactionHashes] });
    }

    /// <summary>A block by hash, with its transaction hashes.</summary>
    /// <param name="blockHash">The 0x-prefixed block hash.</param>
    /// <returns>The block, or <see langword="null"/> for an unknown hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="blockHash"/> is null.</exception>
    public BlockWithTransactionHashes? GetBlock(string blockHash)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        var block = FindBlock(blockHash);
        return block is null ? null : DtoMapper.ToBlock(block, new BlockWithTransactionHashes { TransactionHashes = [.. block.TransactionHashes] });
    }

    /// <summary>The logs that match a filter, in chain order (anvil's <c>eth_getLogs</c>).</summary>
    /// <param name="filter">Block range (default latest to latest), addresses (any of), and topics by position (null matches anything, an array matches any of its values).</param>
    /// <returns>The matching logs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is null.</exception>
    /// <exception cref="ArgumentException">A topic is neither null, a 32-byte hex string nor an array of them.</exception>
    /// <exception cref="ChainException">The range starts after the latest block (code <see cref="InProcessChainErrors.InvalidParameters"/>), as anvil refuses it.</exception>
    public IReadOnlyList<FilterLog> GetLogs(NewFilterInput filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _gate.Wait();
        try
        {
            return LogQuery.Run(_blocks, _transactions, filter, blockHash: null, Latest.Number);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal IReadOnlyList<FilterLog> GetLogs(NewFilterInput filter, string? blockHash)
    {
        _gate.Wait();
        try
        {
            return LogQuery.Run(_blocks, _transactions, filter, blockHash, Latest.Number);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Base fee, gas used ratio and the priority fee paid, for blocks <paramref name="oldest"/>..<paramref name="newest"/> (one lock, no DTOs).</summary>
    internal List<(BigInteger BaseFee, decimal GasUsedRatio, BigInteger Tip)> FeeHistory(long oldest, long newest)
    {
        _gate.Wait();
        try
        {
            var rows = new List<(BigInteger, decimal, BigInteger)>();
            for (var n = Math.Max(0, oldest); n <= Math.Min(newest, Latest.Number); n++)
            {
                var block = _blocks[(int)n];
                var ratio = block.GasLimit.IsZero ? 0m : (decimal)(double)block.GasUsed / (decimal)(double)block.GasLimit;
                var tip = block.TransactionHashes.Count == 0 ? BigInteger.Zero : _transactions[block.TransactionHashes[0]].EffectiveGasPrice - block.BaseFee;
                rows.Add((block.BaseFee, ratio, tip));
            }
            return rows;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal BlockWithTransactions? GetBlockWithTransactions(long? number, string? hash)
    {
        _gate.Wait();
        try
        {
            var block = hash is null ? FindBlockUnlocked(number ?? Latest.Number) : _blocksByHash.GetValueOrDefault(hash.ToLowerInvariant());
            return block is null
                ? null
                : DtoMapper.ToBlock(block, new BlockWithTransactions { Transactions = [.. block.TransactionHashes.Select(h => DtoMapper.ToTransaction(_transactions[h]))] });
        }
        finally
        {
            _gate.Release();
        }
    }

    private T Read<T>(string address, long? blockNumber, Func<WorldState, string, T> read)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Addresses.IsValid(address))
        {
            throw new ArgumentException("Expected a 0x-prefixed 20-byte hex address.", nameof(address));
        }
        _gate.Wait();
        try
        {
            return read(StateAt(ResolveBlock(blockNumber)), Addresses.Normalize(address));
        }
        finally
        {
            _gate.Release();
        }
    }

    private MinedTransaction? FindTransaction(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        _gate.Wait();
        try
        {
            return _transactions.GetValueOrDefault(hash.ToLowerInvariant());
        }
        finally
        {
            _gate.Release();
        }
    }

    private MinedBlock? FindBlock(long number)
    {
        _gate.Wait();
        try
        {
            return FindBlockUnlocked(number);
        }
        finally
        {
            _gate.Release();
        }
    }

    private MinedBlock? FindBlock(string hash)
    {
        _gate.Wait();
        try
        {
            return _blocksByHash.GetValueOrDefault(hash.ToLowerInvariant());
        }
        finally
        {
            _gate.Release();
        }
    }

    private MinedBlock? FindBlockUnlocked(long number) => number >= 0 && number < _blocks.Count ? _blocks[(int)number] : null;
}
