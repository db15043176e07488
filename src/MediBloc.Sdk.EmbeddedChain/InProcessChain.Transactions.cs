using System.Globalization;
using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Blocks;
using MediBloc.Sdk.EmbeddedChain.Execution;
using MediBloc.Sdk.EmbeddedChain.Persistence;
using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.EVM.Gas;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.Model;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;

namespace MediBloc.Sdk.EmbeddedChain;

public sealed partial class InProcessChain
{
    private static readonly BigInteger MaxNonce = ulong.MaxValue;

    /// <summary>Validates a signed transaction, executes it and mines it in a new block (anvil's <c>eth_sendRawTransaction</c>).</summary>
    /// <param name="signedTransaction">The 0x-prefixed hex RLP of a signed legacy, EIP-2930 or EIP-1559 transaction.</param>
    /// <param name="cancellationToken">Cancels waiting for the chain; a transaction already executing completes.</param>
    /// <returns>
    /// The transaction hash. The receipt is available at once (its status is 0 if the transaction reverted or ran out
    /// of gas), unless the nonce is ahead of the sender's next: then the transaction waits in the sender's queue and is
    /// mined, with its receipt, as soon as the transactions before it arrive.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="signedTransaction"/> is null.</exception>
    /// <exception cref="ChainException">The chain rejected the transaction; nothing changed. The code says why: <see cref="InProcessChainErrors.InvalidTransaction"/>, <see cref="InProcessChainErrors.WrongChainId"/>, <see cref="InProcessChainErrors.NonceTooLow"/>, <see cref="InProcessChainErrors.NonceTooHigh"/>, <see cref="InProcessChainErrors.IntrinsicGasTooLow"/>, <see cref="InProcessChainErrors.GasLimitTooHigh"/>, <see cref="InProcessChainErrors.FeeTooLow"/> or <see cref="InProcessChainErrors.InsufficientFunds"/>.</exception>
    public async Task<string> SendRawTransactionAsync(string signedTransaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedTransaction);
        var decoded = RawTransactionDecoder.Decode(signedTransaction);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var clock = Freeze();
            var hash = await MineAsync(decoded).ConfigureAwait(false);
            Record(JournalEntryKind.RawTransaction, clock, signedTransaction.HexToByteArray());
            return hash;
        }
        finally
        {
            Unfreeze();
            _gate.Release();
        }
    }

    /// <summary>Signs a transaction with one of the dev accounts' keys and mines it (anvil's <c>eth_sendTransaction</c>).</summary>
    /// <param name="transaction">The transaction; <c>From</c> must be a dev account. Missing nonce, gas and fees are filled in.</param>
    /// <param name="cancellationToken">Cancels waiting for the chain.</param>
    /// <returns>The transaction hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transaction"/> is null.</exception>
    /// <exception cref="ChainException"><c>From</c> is not a dev account (code <see cref="InProcessChainErrors.UnknownAccount"/>), gas estimation reverted (code <see cref="MediBlocErrorCode.TransactionReverted"/>, an <see cref="InProcessChainRevertException"/>), or the chain rejected the transaction (see <see cref="SendRawTransactionAsync(string, CancellationToken)"/>).</exception>
    public async Task<string> SendTransactionAsync(TransactionInput transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.From is null || !Addresses.IsValid(transaction.From) || !_devKeys.TryGetValue(Addresses.Normalize(transaction.From), out var key))
        {
            throw new ChainException("eth_sendTransaction signs only for the embedded chain's dev accounts; sign the transaction yourself and use eth_sendRawTransaction.", InProcessChainErrors.UnknownAccount);
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var clock = Freeze();
            var from = Addresses.Normalize(transaction.From);
            var to = string.IsNullOrEmpty(transaction.To) ? null : Addresses.Normalize(transaction.To);
            var data = string.IsNullOrEmpty(transaction.Data) ? "0x" : transaction.Data;
            var value = transaction.Value?.Value ?? BigInteger.Zero;
            var nonce = transaction.Nonce?.Value ?? _state.GetNonce(from);
            var gas = transaction.Gas?.Value ?? await EstimateUnlockedAsync(new TransactionRequest
            {
                From = from,
                To = to,
                Data = data.HexToByteArray(),
                Value = value,
                GasLimit = _options.BlockGasLimit,
            }, _state, BlockEnvironmentAt(Latest.Number)).ConfigureAwait(false);
            // Always an EIP-1559 transaction; a legacy gas price becomes both the maximum fee and the cap on the tip.
            var legacyPrice = transaction.MaxFeePerGas is null ? transaction.GasPrice?.Value : null;
            var priority = legacyPrice is { } lp ? BigInteger.Max(BigInteger.Zero, lp - _options.BaseFeePerGas) : transaction.MaxPriorityFeePerGas?.Value ?? 1_000_000_000;
            var maxFee = legacyPrice ?? transaction.MaxFeePerGas?.Value ?? (_options.BaseFeePerGas * 2) + priority;
            var tx = new Transaction1559(_options.ChainId, nonce, priority, maxFee, gas, to, value, data, null);
            var raw = new Transaction1559Signer().SignTransaction(new EthECKey(key), tx);
            var hash = await MineAsync(RawTransactionDecoder.Decode(raw.EnsureHexPrefix())).ConfigureAwait(false);
            Record(JournalEntryKind.RawTransaction, clock, raw.HexToByteArray());
            return hash;
        }
        finally
        {
            Unfreeze();
            _gate.Release();
        }
    }

    /// <summary>Executes a call against the state after a block and throws the result away (anvil's <c>eth_call</c>).</summary>
    /// <param name="call">The call; <c>From</c> defaults to the zero address, <c>Gas</c> to the block gas limit.</param>
    /// <param name="blockNumber">The block whose state and environment (number, timestamp) the call sees; <see langword="null"/> for the latest.</param>
    /// <param name="cancellationToken">Cancels waiting for the chain.</param>
    /// <returns>The return data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    /// <exception cref="InProcessChainRevertException">The call reverted; <see cref="InProcessChainRevertException.RevertData"/> holds the revert data.</exception>
    /// <exception cref="ChainException">The call halted (out of gas, invalid opcode), could not start (for example a value the sender cannot pay), or the block has not been mined (code <see cref="InProcessChainErrors.UnknownBlock"/>).</exception>
    public async Task<byte[]> CallAsync(CallInput call, long? blockNumber = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = ToRequest(call);
            var number = ResolveBlock(blockNumber);
            var outcome = await _runner.RunAsync(StateAt(number), request, BlockEnvironmentAt(number), callMode: true).ConfigureAwait(false);
            ThrowIfFailed(outcome, request.GasLimit);
            return outcome.Result.ReturnData ?? [];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Finds the least gas with which the transaction succeeds against the state after a block (anvil's <c>eth_estimateGas</c>).</summary>
    /// <param name="call">The transaction; <c>From</c> defaults to the zero address, <c>Gas</c> (the upper bound) to the block gas limit.</param>
    /// <param name="blockNumber">The block whose state the estimate runs on; <see langword="null"/> for the latest.</param>
    /// <param name="cancellationToken">Cancels waiting for the chain.</param>
    /// <returns>The gas limit to use.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    /// <exception cref="InProcessChainRevertException">The transaction reverts even with the most gas allowed.</exception>
    /// <exception cref="ChainException">The transaction halts or cannot start even with the most gas allowed, or the block has not been mined (code <see cref="InProcessChainErrors.UnknownBlock"/>).</exception>
    public async Task<BigInteger> EstimateGasAsync(CallInput call, long? blockNumber = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var number = ResolveBlock(blockNumber);
            return await EstimateUnlockedAsync(ToRequest(call), StateAt(number), BlockEnvironmentAt(number)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BigInteger> EstimateUnlockedAsync(TransactionRequest request, WorldState state, BlockEnvironment env)
    {
        var first = await _runner.RunAsync(state, request, env, callMode: true).ConfigureAwait(false);
        ThrowIfFailed(first, request.GasLimit);
        var low = first.Result.GasUsed;
        var high = request.GasLimit;
        if (await SucceedsAsync(low).ConfigureAwait(false))
        {
            return low;
        }
        while (high - low > 1)
        {
            var mid = (low + high) / 2;
            if (await SucceedsAsync(mid).ConfigureAwait(false))
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }
        return high;

        async Task<bool> SucceedsAsync(BigInteger gas)
        {
            var outcome = await _runner.RunAsync(state, request with { GasLimit = gas }, env, callMode: true).ConfigureAwait(false);
            return outcome.Result.Success;
        }
    }

    private TransactionRequest ToRequest(CallInput call)
    {
        var gas = call.Gas?.Value ?? _options.BlockGasLimit;
        if (gas <= 0 || gas > _options.BlockGasLimit)
        {
            gas = _options.BlockGasLimit;
        }
        return new TransactionRequest
        {
            From = string.IsNullOrEmpty(call.From) ? Addresses.Zero : Addresses.Normalize(call.From),
            To = string.IsNullOrEmpty(call.To) ? null : Addresses.Normalize(call.To),
            Data = string.IsNullOrEmpty(call.Data) || call.Data == "0x" ? [] : call.Data.HexToByteArray(),
            Value = call.Value?.Value ?? BigInteger.Zero,
            GasLimit = gas,
        };
    }

    private static void ThrowIfFailed(EvmOutcome outcome, BigInteger gasLimit)
    {
        var result = outcome.Result;
        if (result.Success)
        {
            return;
        }
        if (result.IsValidationError)
        {
            throw new ChainException($"The call cannot start: {result.Error}.", MediBlocErrorCode.ChainError);
        }
        var data = result.ReturnData ?? [];
        var halted = result.Error is not null || (data.Length == 0 && result.GasUsed >= gasLimit);
        if (!halted)
        {
            var reason = RevertReason(data);
            throw new InProcessChainRevertException(reason is null ? "execution reverted" : "execution reverted: " + reason, data.ToHex(true));
        }
        throw new ChainException(
            string.Create(CultureInfo.InvariantCulture, $"The execution halted ({result.Error ?? "out of gas"}): gas required exceeds allowance {gasLimit}."),
            MediBlocErrorCode.TransactionReverted);
    }

    private static string? RevertReason(byte[] data)
    {
        // Error(string): selector 0x08c379a0, offset, length, bytes.
        if (data.Length >= 68 && data[0] == 0x08 && data[1] == 0xc3 && data[2] == 0x79 && data[3] == 0xa0)
        {
            var length = (int)new BigInteger(data.AsSpan(36, 32), isUnsigned: true, isBigEndian: true);
            if (length >= 0 && 68 + length <= data.Length)
            {
                return System.Text.Encoding.UTF8.GetString(data, 68, length);
            }
        }
        return null;
    }

    /// <summary>
    /// Mines a transaction whose nonce is the sender's next, then any queued transactions of that sender that it
    /// unblocks; a transaction with a nonce ahead of the sender's next waits in the sender's queue (see <see cref="Queue"/>).
    /// </summary>
    private async Task<string> MineAsync(DecodedTransaction decoded)
    {
        if (decoded.Request.Nonce > _state.GetNonce(decoded.Request.From))
        {
            Queue(decoded);
            return decoded.Hash;
        }
        var hash = await MineNowAsync(decoded).ConfigureAwait(false);
        await MineQueuedAsync(decoded.Request.From).ConfigureAwait(false);
        return hash;
    }

    private async Task<string> MineNowAsync(DecodedTransaction decoded)
    {
        var tx = decoded.Request;
        Validate(decoded);
        var env = NextBlockEnvironment();
        var outcome = await _runner.RunAsync(_state, tx, env, callMode: false).ConfigureAwait(false);
        var result = outcome.Result;
        if (result.IsValidationError)
        {
            throw new ChainException($"The transaction was rejected: {result.Error}.", InProcessChainErrors.InvalidTransaction) { TransactionHash = decoded.Hash };
        }
        var undo = _state.Apply(outcome.State, result.Success ? result.DeletedAccounts : null);

        var block = AppendBlock(env.Timestamp, [decoded.Hash], result.GasUsed, undo);
        var logs = new List<FilterLog>();
        if (result.Success)
        {
            foreach (var log in result.Logs ?? result.ProgramResult?.Logs ?? [])
            {
                log.Address = Addresses.Normalize(log.Address);
                log.Topics = [.. (log.Topics ?? []).Select(t => (object)Word(t?.ToString()))];
                log.Data = string.IsNullOrEmpty(log.Data) ? "0x" : log.Data.EnsureHexPrefix().ToLowerInvariant();
                log.BlockHash = block.Hash;
                log.BlockNumber = new HexBigInteger(block.Number);
                log.TransactionHash = decoded.Hash;
                log.TransactionIndex = new HexBigInteger(0);
                log.LogIndex = new HexBigInteger(logs.Count);
                log.Removed = false;
                logs.Add(log);
            }
        }
        _transactions[decoded.Hash] = new MinedTransaction
        {
            Hash = decoded.Hash,
            Type = decoded.Type,
            From = tx.From,
            To = tx.To,
            Nonce = tx.Nonce,
            GasLimit = tx.GasLimit,
            GasPrice = tx.IsEip1559 ? null : tx.GasPrice,
            MaxFeePerGas = tx.IsEip1559 ? tx.MaxFeePerGas : null,
            MaxPriorityFeePerGas = tx.IsEip1559 ? tx.MaxPriorityFeePerGas : null,
            Value = tx.Value,
            Input = tx.Data.ToHex(true),
            ChainId = decoded.ChainId ?? _options.ChainId,
            V = decoded.V,
            R = decoded.R,
            S = decoded.S,
            BlockNumber = block.Number,
            BlockHash = block.Hash,
            EffectiveGasPrice = EffectivePrice(tx),
            Success = result.Success,
            GasUsed = result.GasUsed,
            ContractAddress = outcome.ContractAddress,
            Logs = logs,
            ReturnData = result.ReturnData,
        };
        return decoded.Hash;
    }

    /// <summary>A log topic as JSON-RPC carries it: 0x and 64 lower-case hex digits (the EVM hands them over unpadded).</summary>
    private static string Word(string? hex)
    {
        var digits = string.IsNullOrEmpty(hex) ? string.Empty : hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return "0x" + digits.ToLowerInvariant().PadLeft(64, '0');
    }

    private BigInteger EffectivePrice(TransactionRequest tx) =>
        tx.IsEip1559
            ? _options.BaseFeePerGas + BigInteger.Min(tx.MaxPriorityFeePerGas, tx.MaxFeePerGas - _options.BaseFeePerGas)
            : tx.GasPrice;

    /// <summary>Checks a transaction to be mined now: everything in <see cref="ValidateShape"/>, then the nonce, the balance and that the sender has no code.</summary>
    private void Validate(DecodedTransaction decoded)
    {
        var tx = decoded.Request;
        ChainException Reject(MediBlocErrorCode code, string message) => new(message, code) { TransactionHash = decoded.Hash };

        ValidateShape(decoded);
        var expected = _state.GetNonce(tx.From);
        if (tx.Nonce < expected)
        {
            throw Reject(InProcessChainErrors.NonceTooLow, string.Create(CultureInfo.InvariantCulture, $"nonce too low: next nonce {expected}, tx nonce {tx.Nonce}. Reset the sender's nonce from eth_getTransactionCount."));
        }
        if (tx.Nonce > expected)
        {
            throw Reject(InProcessChainErrors.NonceTooHigh, string.Create(CultureInfo.InvariantCulture, $"nonce too high: next nonce {expected}, tx nonce {tx.Nonce}."));
        }
        var price = tx.IsEip1559 ? tx.MaxFeePerGas : tx.GasPrice;
        var balance = _state.GetBalance(tx.From);
        var cost = (tx.GasLimit * price) + tx.Value;
        if (balance < cost)
        {
            throw Reject(InProcessChainErrors.InsufficientFunds, string.Create(CultureInfo.InvariantCulture, $"insufficient funds for gas * price + value: have {balance} want {cost}."));
        }
        if (_state.GetCode(tx.From).Length > 0)
        {
            throw Reject(InProcessChainErrors.InvalidTransaction, "sender not an EOA (EIP-3607): the sender has code.");
        }
    }

    /// <summary>Checks what does not depend on the sender's account: chain id, nonce range, gas limit, intrinsic gas, init code size and fees.</summary>
    private void ValidateShape(DecodedTransaction decoded)
    {
        var tx = decoded.Request;
        ChainException Reject(MediBlocErrorCode code, string message) => new(message, code) { TransactionHash = decoded.Hash };

        if (decoded.ChainId is { } chainId && chainId != _options.ChainId)
        {
            throw Reject(InProcessChainErrors.WrongChainId, string.Create(CultureInfo.InvariantCulture, $"invalid chain id for signer: have {chainId} want {_options.ChainId}. Sign for chain id {_options.ChainId}."));
        }
        if (tx.Nonce >= MaxNonce)
        {
            throw Reject(InProcessChainErrors.InvalidTransaction, "nonce has max value");
        }
        if (tx.GasLimit > _options.BlockGasLimit)
        {
            throw Reject(InProcessChainErrors.GasLimitTooHigh, string.Create(CultureInfo.InvariantCulture, $"exceeds block gas limit: gas {tx.GasLimit}, block gas limit {_options.BlockGasLimit}."));
        }
        var isCreation = tx.To is null;
        var intrinsic = IntrinsicGasCalculator.CalculateIntrinsicGas(tx.Data, isCreation, tx.AccessList);
        // EIP-7623 floor: 21 000 + 10 per calldata token, the same for calls and creations.
        var floor = 21_000 + (10 * IntrinsicGasCalculator.CalculateTokensInCalldata(tx.Data));
        var minimum = BigInteger.Max(intrinsic, floor);
        if (tx.GasLimit < minimum)
        {
            throw Reject(InProcessChainErrors.IntrinsicGasTooLow, string.Create(CultureInfo.InvariantCulture, $"intrinsic gas too low: gas {tx.GasLimit}, minimum needed {minimum}."));
        }
        // Nethereum.EVM 6.1 adds the 32 000 creation cost to the floor as well, and refuses to run a creation below that.
        var evmFloor = IntrinsicGasCalculator.CalculateFloorGasLimit(tx.Data, isCreation);
        if (isCreation && tx.GasLimit < evmFloor)
        {
            throw Reject(InProcessChainErrors.IntrinsicGasTooLow, string.Create(CultureInfo.InvariantCulture,
                $"intrinsic gas too low for the embedded chain: gas {tx.GasLimit}, minimum needed {evmFloor}. A contract creation needs at least the EIP-7623 floor plus 32 000 here (a Nethereum.EVM 6.1 limit; a node needs only {minimum})."));
        }
        if (isCreation && tx.Data.Length > 49_152)
        {
            throw Reject(InProcessChainErrors.InvalidTransaction, "max initcode size exceeded (EIP-3860: 49 152 bytes).");
        }
        var price = tx.IsEip1559 ? tx.MaxFeePerGas : tx.GasPrice;
        if (tx.IsEip1559 && tx.MaxPriorityFeePerGas > tx.MaxFeePerGas)
        {
            throw Reject(InProcessChainErrors.FeeTooLow, "max priority fee per gas higher than max fee per gas.");
        }
        if (price < _options.BaseFeePerGas)
        {
            throw Reject(InProcessChainErrors.FeeTooLow, string.Create(CultureInfo.InvariantCulture, $"max fee per gas less than block base fee: fee {price}, base fee {_options.BaseFeePerGas}."));
        }
    }
}
