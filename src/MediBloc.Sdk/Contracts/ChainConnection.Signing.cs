using System.Numerics;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Contracts;

public partial class ChainConnection
{
    private readonly SemaphoreSlim _feeLock = new(1, 1);

    // Held from reserving a nonce until the node has the transaction, so one account's transactions reach the node in
    // nonce order. Sent out of order, a node that mines on arrival (anvil's automine) can mine nonce n without the
    // n + 1 that arrived while that block was built, and leave it pending until some other transaction comes.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private FeeQuote? _fees;

    // Until a node answers "method not found" to eth_sendRawTransactionSync (ChainConnectionOptions.SendAndWaitInOneCall).
    private volatile bool _syncSendSupported = true;

    /// <summary>
    /// Sends with <c>eth_sendRawTransactionSync</c> (EIP-7966): the node answers with the receipt once the transaction is
    /// mined. A node without the method is asked with <c>eth_sendRawTransaction</c> (and never again with the sync call);
    /// one that gives up waiting (its confirmation timeout) has the transaction in its pool, so the receipt is then
    /// waited for as usual. Returns the hash and, when the node answered with it, the receipt.
    /// </summary>
    private async Task<(string Hash, TransactionReceipt? Receipt)> SendAndWaitAsync(string raw, string operation, IReadOnlyList<ContractError> errors)
    {
        var hash = "0x" + Convert.ToHexString(Keccak256.Hash(Convert.FromHexString(raw.AsSpan(2)))).ToLowerInvariant();
        try
        {
            var receipt = await RpcAsync(
                () => _web3.Client.SendRequestAsync<TransactionReceipt>(new RpcRequest(Guid.NewGuid().ToString("N"), "eth_sendRawTransactionSync", raw)),
                operation, errors, CancellationToken.None).ConfigureAwait(false);
            return (hash, receipt?.BlockNumber is null ? null : receipt);
        }
        catch (ChainException e) when (e.InnerException is RpcResponseException { RpcError.Code: -32601 })
        {
            _syncSendSupported = false;
            return (await RpcAsync(() => _web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw), operation, errors, CancellationToken.None).ConfigureAwait(false), null);
        }
        catch (ChainException e) when (e.Code == MediBlocErrorCode.ChainError && e.Message.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            return (hash, null);
        }
    }

    /// <summary>
    /// Builds the transaction (EIP-1559 when the node's blocks carry a base fee, legacy otherwise, as the fee quote
    /// says) and has the signer sign it; returns the raw signed transaction as 0x-hex for <c>eth_sendRawTransaction</c>.
    /// </summary>
    private async Task<string> SignAsync(TransactionInput input, BigInteger nonce, FeeQuote fees, CancellationToken cancellationToken)
    {
        var data = string.IsNullOrEmpty(input.Data) ? [] : Convert.FromHexString(input.Data.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? input.Data[2..] : input.Data);
        var transaction = new EvmTransaction
        {
            Type = fees.Eip1559 ? EvmTransactionType.Eip1559 : EvmTransactionType.Legacy,
            ChainId = ChainId,
            Nonce = (long)nonce,
            GasLimit = (long)input.Gas.Value,
            To = string.IsNullOrEmpty(input.To) ? null : AbiValues.Address(input.To, nameof(input)),
            Value = input.Value?.Value ?? BigInteger.Zero,
            Data = data,
            GasPrice = fees.GasPrice,
            MaxFeePerGas = fees.MaxFeePerGas,
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
        };
        var raw = await _signer.SignTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        return "0x" + Convert.ToHexString(raw).ToLowerInvariant();
    }

    /// <summary>
    /// The fees to offer, asked of the node at most once per <see cref="ChainConnectionOptions.FeeRefreshInterval"/>:
    /// for EIP-1559 a fee cap of twice the latest base fee plus the node's suggested priority fee (which covers six
    /// full blocks of base-fee rises), otherwise the node's gas price.
    /// </summary>
    private async Task<FeeQuote> GetFeesAsync(string operation, IReadOnlyList<ContractError> errors)
    {
        var now = Environment.TickCount64;
        if (_fees is { } cached && now - cached.Taken < (long)_options.FeeRefreshInterval.TotalMilliseconds)
        {
            return cached;
        }

        await _feeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_fees is { } again && Environment.TickCount64 - again.Taken < (long)_options.FeeRefreshInterval.TotalMilliseconds)
            {
                return again;
            }

            var block = await RpcAsync(() => _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest()), operation, errors, CancellationToken.None).ConfigureAwait(false);
            FeeQuote quote;
            if (block?.BaseFeePerGas is { } baseFee)
            {
                var priority = (await RpcAsync(() => _web3.Eth.GasPrice.SendRequestAsync(), operation, errors, CancellationToken.None).ConfigureAwait(false)).Value - baseFee.Value;
                priority = BigInteger.Max(priority, BigInteger.Zero);
                quote = new FeeQuote(true, BigInteger.Zero, (baseFee.Value * 2) + priority, priority, Environment.TickCount64);
            }
            else
            {
                var price = await RpcAsync(() => _web3.Eth.GasPrice.SendRequestAsync(), operation, errors, CancellationToken.None).ConfigureAwait(false);
                quote = new FeeQuote(false, price.Value, BigInteger.Zero, BigInteger.Zero, Environment.TickCount64);
            }
            _fees = quote;
            return quote;
        }
        finally
        {
            _feeLock.Release();
        }
    }

    private sealed record FeeQuote(bool Eip1559, BigInteger GasPrice, BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas, long Taken);
}
