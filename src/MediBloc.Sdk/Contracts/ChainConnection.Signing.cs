using System.Numerics;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
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
