using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;


namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>
/// Real transaction ordering on anvil, for front-running tests: mining is paused, the victim's and the attacker's
/// transactions wait in the node's mempool, the attacker reads the victim's pending transaction there and copies it
/// with a higher priority fee, and one block is mined with both — anvil orders a block by priority fee, so the
/// attacker's copy runs first, as it would on a public chain. Dispose to turn automine back on.
/// </summary>
/// <remarks>Anvil only: the embedded chain mines each transaction as it arrives and has no mempool to race in.</remarks>
internal sealed class TransactionOrdering : IAsyncDisposable
{
    /// <summary>The gas limit used when a transaction's estimate fails (for example, because it will revert).</summary>
    public static readonly BigInteger FallbackGas = 3_000_000;

    private readonly ChainUnderTest _chain;
    private bool _paused;

    private TransactionOrdering(ChainUnderTest chain)
    {
        _chain = chain;
    }

    /// <summary>Pauses mining (<c>evm_setAutomine false</c>) until <see cref="DisposeAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">The chain is not anvil.</exception>
    public static async Task<TransactionOrdering> PauseMiningAsync(ChainUnderTest chain)
    {
        if (chain.Backend != ChainBackend.Anvil)
        {
            throw new InvalidOperationException("Transaction ordering needs anvil's mempool; the embedded chain mines on arrival.");
        }
        await chain.RpcAsync("evm_setAutomine", false);
        return new TransactionOrdering(chain) { _paused = true };
    }

    /// <summary>
    /// Signs and sends a transaction from <paramref name="privateKeyHex"/> without waiting for it: it waits in the
    /// mempool until <see cref="MineAsync"/>. The nonce is the sender's pending count, so several transactions of one
    /// sender queue in order.
    /// </summary>
    /// <returns>The transaction hash.</returns>
    public async Task<string> SendAsync(string privateKeyHex, string to, string data, BigInteger priorityFeeWei, BigInteger? gas = null)
    {
        var sender = new EthECKey(privateKeyHex).GetPublicAddress();
        var nonce = HexToBig((await _chain.RpcAsync("eth_getTransactionCount", sender, "pending")).GetString()!);
        var baseFee = HexToBig((await _chain.RpcAsync("eth_getBlockByNumber", "pending", false)).GetProperty("baseFeePerGas").GetString()!);
        var limit = gas ?? await EstimateAsync(sender, to, data);
        var transaction = new Transaction1559(
            _chain.ChainId, nonce, priorityFeeWei, baseFee * 2 + priorityFeeWei, limit, to, BigInteger.Zero, data, null);
        var signer = new Transaction1559Signer();
        var raw = signer.SignTransaction(new EthECKey(privateKeyHex), transaction);
        var hash = await _chain.RpcAsync("eth_sendRawTransaction", raw.EnsureHexPrefix());
        return hash.GetString()!;
    }

    /// <summary>Sends a typed contract call (see <see cref="SendAsync(string, string, string, BigInteger, BigInteger?)"/>).</summary>
    public Task<string> SendAsync<TFunction>(string privateKeyHex, string contract, TFunction function, BigInteger priorityFeeWei, BigInteger? gas = null)
        where TFunction : FunctionMessage, new() =>
        SendAsync(privateKeyHex, contract, function.GetCallData().ToHex(true), priorityFeeWei, gas);

    /// <summary>
    /// What a mempool watcher does: reads the victim's pending transaction from the node and sends the same call
    /// (same target, same calldata) from its own key with a higher priority fee.
    /// </summary>
    /// <returns>The copy's transaction hash.</returns>
    public async Task<string> CopyPendingAsync(string victimTransactionHash, string attackerPrivateKeyHex, BigInteger priorityFeeWei)
    {
        var pending = await _chain.RpcAsync("eth_getTransactionByHash", victimTransactionHash);
        if (pending.ValueKind == JsonValueKind.Null || pending.GetProperty("blockNumber").ValueKind != JsonValueKind.Null)
        {
            throw new InvalidOperationException($"{victimTransactionHash} is not pending in the mempool.");
        }
        var to = pending.GetProperty("to").GetString()!;
        var input = pending.GetProperty("input").GetString()!;
        return await SendAsync(attackerPrivateKeyHex, to, input, priorityFeeWei);
    }

    /// <summary>The hashes of the transactions waiting in the mempool (<c>txpool_content</c>), pending and queued.</summary>
    public async Task<IReadOnlyList<string>> PendingHashesAsync()
    {
        var content = await _chain.RpcAsync("txpool_content");
        var hashes = new List<string>();
        foreach (var pool in new[] { "pending", "queued" })
        {
            if (!content.TryGetProperty(pool, out var bySender))
            {
                continue;
            }
            foreach (var sender in bySender.EnumerateObject())
            {
                foreach (var tx in sender.Value.EnumerateObject())
                {
                    hashes.Add(tx.Value.GetProperty("hash").GetString()!);
                }
            }
        }
        return hashes;
    }

    /// <summary>
    /// Mines one block with everything in the mempool and returns the receipts of <paramref name="hashes"/>, in the
    /// order the block executed them (by transaction index).
    /// </summary>
    public async Task<IReadOnlyList<MinedTransaction>> MineAsync(params string[] hashes)
    {
        await _chain.RpcAsync("evm_mine");
        var mined = new List<MinedTransaction>();
        foreach (var hash in hashes)
        {
            var receipt = await _chain.RpcAsync("eth_getTransactionReceipt", hash);
            if (receipt.ValueKind == JsonValueKind.Null)
            {
                throw new InvalidOperationException($"{hash} was not mined in the block.");
            }
            mined.Add(new MinedTransaction(
                hash,
                (int)HexToBig(receipt.GetProperty("transactionIndex").GetString()!),
                receipt.GetProperty("status").GetString() == "0x1",
                (long)HexToBig(receipt.GetProperty("gasUsed").GetString()!)));
        }
        return mined.OrderBy(m => m.Index).ToList();
    }

    /// <summary>Turns automine back on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_paused)
        {
            _paused = false;
            // Anything still waiting is mined now, so later tests start from an empty mempool.
            await _chain.RpcAsync("evm_setAutomine", true);
            await _chain.RpcAsync("evm_mine");
        }
    }

    private async Task<BigInteger> EstimateAsync(string from, string to, string data)
    {
        try
        {
            var estimate = await _chain.RpcAsync("eth_estimateGas", new { from, to, data });
            return HexToBig(estimate.GetString()!) * 3 / 2;
        }
        catch (InvalidOperationException)
        {
            return FallbackGas;
        }
    }

    private static BigInteger HexToBig(string hex) =>
        BigInteger.Parse("0" + hex[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

/// <summary>One transaction of a block mined by <see cref="TransactionOrdering.MineAsync"/>.</summary>
/// <param name="Hash">The transaction hash.</param>
/// <param name="Index">Its position in the block (0 runs first).</param>
/// <param name="Succeeded">Whether it succeeded (status 1) or reverted (status 0).</param>
/// <param name="GasUsed">The gas it used.</param>
internal sealed record MinedTransaction(string Hash, int Index, bool Succeeded, long GasUsed);
