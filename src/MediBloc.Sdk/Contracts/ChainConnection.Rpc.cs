using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Crypto;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Contracts;

public partial class ChainConnection
{
    /// <summary>Calls a view function and decodes its output (retried while the node is unavailable).</summary>
    internal Task<TOutput> CallAsync<TFunction, TOutput>(EvmAddress contractAddress, TFunction message, IReadOnlyList<ContractError> errors, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new()
    {
        var handler = _web3.Eth.GetContractQueryHandler<TFunction>();
        return ReadAsync(() => handler.QueryDeserializingToObjectAsync<TOutput>(message, contractAddress.ToString(), BlockParameter.CreateLatest()), operation, errors, cancellationToken);
    }

    /// <summary>Calls a view function that returns one value.</summary>
    internal Task<TReturn> CallValueAsync<TFunction, TReturn>(EvmAddress contractAddress, TFunction message, IReadOnlyList<ContractError> errors, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var handler = _web3.Eth.GetContractQueryHandler<TFunction>();
        return ReadAsync(() => handler.QueryAsync<TReturn>(contractAddress.ToString(), message, BlockParameter.CreateLatest()), operation, errors, cancellationToken);
    }

    /// <summary>Sends a function call as a transaction and waits for its receipt.</summary>
    internal Task<TransactionReceipt> SendAsync<TFunction>(EvmAddress contractAddress, TFunction message, IReadOnlyList<ContractError> errors, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var input = message.CreateTransactionInput(contractAddress.ToString());
        input.Gas = null;
        input.Nonce = null;
        return SendTransactionAsync(input, errors, operation, cancellationToken);
    }

    /// <summary>
    /// Reads a contract's events with <c>eth_getLogs</c>, page by page up to the latest block: no confirmations
    /// are awaited, so a devnet's last block is included.
    /// </summary>
    /// <param name="contractAddress">The emitting contract.</param>
    /// <param name="indexedTopics">Topics 1..3 (0x-hex, 32 bytes), <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    internal async IAsyncEnumerable<EventLog<TEvent>> GetEventsAsync<TEvent>(EvmAddress contractAddress, string?[] indexedTopics, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var latest = await GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var topic0 = "0x" + EventExtensions.GetEventABI<TEvent>().Sha3Signature;
        var topics = new object?[] { topic0 }.Concat(indexedTopics).ToList();
        while (topics.Count > 1 && topics[^1] is null)
        {
            topics.RemoveAt(topics.Count - 1);
        }
        for (var from = Math.Max(0, fromBlock); from <= latest; from += _options.LogPageSize)
        {
            var to = Math.Min(latest, from + _options.LogPageSize - 1);
            var filter = new NewFilterInput
            {
                Address = [contractAddress.ToString()],
                FromBlock = new BlockParameter(new HexBigInteger(from)),
                ToBlock = new BlockParameter(new HexBigInteger(to)),
                Topics = [.. topics],
            };
            var logs = await ReadAsync(() => _web3.Eth.Filters.GetLogs.SendRequestAsync(filter), "read events", null, cancellationToken).ConfigureAwait(false);
            foreach (var log in logs.DecodeAllEvents<TEvent>())
            {
                yield return log;
            }
        }
    }

    /// <summary>
    /// Runs one JSON-RPC interaction and maps its failures: a node that cannot be reached or does not answer in
    /// time becomes <see cref="MediBlocErrorCode.NodeUnavailable"/>, a revert becomes
    /// <see cref="MediBlocErrorCode.TransactionReverted"/> with the decoded custom error, any other rejection
    /// <see cref="MediBlocErrorCode.ChainError"/>. The cancellation token is honoured even when the transport is not.
    /// </summary>
    internal async Task<T> RpcAsync<T>(Func<Task<T>> call, string operation, IReadOnlyList<ContractError>? errors, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ChainException)
        {
            throw;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new ChainException(
                $"The EVM node at {DescribeEndpoint()} did not answer ({operation}): {SafeText.Truncate(Innermost(e).Message)} Check that the node is running and reachable; requests time out after {_options.RpcTimeout.TotalSeconds} s.",
                MediBlocErrorCode.NodeUnavailable,
                e)
            { Endpoint = Endpoint };
        }
        catch (Exception e) when (TryGetRevert(e, out var data, out var reason))
        {
            var decoded = RevertDecoder.Decode(data, errors ?? []);
            var what = SafeText.Truncate(decoded is null ? (reason ?? "no reason given") : RevertDecoder.Describe(decoded));
            throw new ChainException($"The contract reverted ({operation}): {what}.", MediBlocErrorCode.TransactionReverted, e)
            {
                Endpoint = Endpoint,
                RevertError = decoded?.Name,
                RevertArguments = decoded?.Arguments ?? [],
            };
        }
        catch (RpcResponseException e)
        {
            throw new ChainException($"The EVM node at {DescribeEndpoint()} rejected the request ({operation}): {SafeText.Truncate(e.RpcError?.Message)}", MediBlocErrorCode.ChainError, e)
            {
                Endpoint = Endpoint,
            };
        }
    }

    private string DescribeEndpoint() => Endpoint?.ToString() ?? "the configured JSON-RPC client";

    private static bool IsUnavailable(Exception e) => e switch
    {
        RpcClientTimeoutException or RpcClientUnknownException or HttpRequestException or SocketException or TimeoutException => true,
        TaskCanceledException or OperationCanceledException => true,
        AggregateException a => a.InnerExceptions.Any(IsUnavailable),
        _ => e.InnerException is not null && e.InnerException is not RpcResponseException && IsUnavailable(e.InnerException),
    };

    private static bool TryGetRevert(Exception e, out string? data, out string? reason)
    {
        switch (e)
        {
            case SmartContractCustomErrorRevertException custom:
                data = custom.ExceptionEncodedData;
                reason = null;
                return true;
            case SmartContractRevertException revert:
                data = revert.EncodedData;
                reason = revert.RevertMessage;
                return true;
            case RpcResponseException rpc when rpc.RpcError is { } error
                && (error.Code == 3 || (error.Message?.Contains("revert", StringComparison.OrdinalIgnoreCase) ?? false)):
                data = error.Data?.ToString();
                reason = error.Message;
                return true;
            default:
                if (e.InnerException is { } inner)
                {
                    return TryGetRevert(inner, out data, out reason);
                }
                data = null;
                reason = null;
                return false;
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }
}
