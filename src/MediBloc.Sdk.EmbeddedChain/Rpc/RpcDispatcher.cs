using System.Globalization;
using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MediBloc.Sdk.EmbeddedChain.Rpc;

/// <summary>Answers Ethereum JSON-RPC methods from an <see cref="InProcessChain"/>, in the shapes anvil returns.</summary>
internal sealed class RpcDispatcher(InProcessChain chain)
{
    private static readonly JsonSerializer Serializer = JsonSerializer.CreateDefault();
    private static readonly BigInteger SuggestedPriorityFee = 1_000_000_000;

    /// <summary>The JSON-RPC methods answered, for the README and for error messages.</summary>
    public static IReadOnlyList<string> Methods { get; } =
    [
        "web3_clientVersion", "net_version", "net_listening", "eth_chainId", "eth_syncing", "eth_accounts", "eth_blockNumber",
        "eth_getBalance", "eth_getTransactionCount", "eth_getCode", "eth_getStorageAt", "eth_gasPrice",
        "eth_maxPriorityFeePerGas", "eth_feeHistory", "eth_estimateGas", "eth_call", "eth_sendRawTransaction",
        "eth_sendRawTransactionSync",
        "eth_sendTransaction", "eth_getTransactionReceipt", "eth_getTransactionByHash", "eth_getBlockByNumber",
        "eth_getBlockByHash", "eth_getLogs", "evm_increaseTime", "evm_setNextBlockTimestamp", "evm_mine", "evm_snapshot", "evm_revert",
        "anvil_setBalance", "hardhat_setBalance",
    ];

    public async Task<JToken?> DispatchAsync(string method, JArray parameters, CancellationToken cancellationToken)
    {
        var p = new RpcParams(method, parameters, hash => (long?)chain.GetBlock(hash)?.Number.Value);
        switch (method)
        {
            case "web3_clientVersion":
                return "MediBloc.Sdk.EmbeddedChain";
            case "net_version":
                return chain.ChainId.ToString(CultureInfo.InvariantCulture);
            case "net_listening":
                return true;
            case "eth_chainId":
                return Quantity(chain.ChainId);
            case "eth_syncing":
                return false;
            case "eth_accounts":
                return new JArray(chain.Accounts.Select(a => a.Address.ToLowerInvariant()));
            case "eth_blockNumber":
                return Quantity(chain.BlockNumber);
            case "eth_getBalance":
                return Quantity(chain.GetBalance(p.Address(0), p.Block(1)));
            case "eth_getTransactionCount":
                return Quantity(chain.GetTransactionCount(p.Address(0), p.Block(1)));
            case "eth_getCode":
                return chain.GetCode(p.Address(0), p.Block(1)).ToHex(true);
            case "eth_getStorageAt":
                return chain.GetStorageAt(p.Address(0), p.Quantity(1), p.Block(2)).ToHex(true);
            case "eth_gasPrice":
                return Quantity(chain.BaseFeePerGas + SuggestedPriorityFee);
            case "eth_maxPriorityFeePerGas":
                return Quantity(SuggestedPriorityFee);
            case "eth_feeHistory":
                return FeeHistory(p);
            case "eth_estimateGas":
                return Quantity(await chain.EstimateGasAsync(p.Object<CallInput>(0), p.Block(1), cancellationToken).ConfigureAwait(false));
            case "eth_call":
                return (await chain.CallAsync(p.Object<CallInput>(0), p.Block(1), cancellationToken).ConfigureAwait(false)).ToHex(true);
            case "eth_sendRawTransaction":
                return await chain.SendRawTransactionAsync(p.String(0), cancellationToken).ConfigureAwait(false);
            case "eth_sendRawTransactionSync":
                // EIP-7966: the chain mines on send, so the receipt is there at once (null while the transaction
                // waits in its sender's queue behind a missing nonce).
                return ToJson(chain.GetTransactionReceipt(await chain.SendRawTransactionAsync(p.String(0), cancellationToken).ConfigureAwait(false)));
            case "eth_sendTransaction":
                return await chain.SendTransactionAsync(p.Object<TransactionInput>(0), cancellationToken).ConfigureAwait(false);
            case "eth_getTransactionReceipt":
                return ToJson(chain.GetTransactionReceipt(p.Hash(0)));
            case "eth_getTransactionByHash":
                return ToJson(chain.GetTransaction(p.Hash(0)));
            case "eth_getBlockByNumber":
                return Block(p.Block(0) ?? chain.BlockNumber, null, p.Bool(1, false));
            case "eth_getBlockByHash":
                return Block(null, p.Hash(0), p.Bool(1, false));
            case "eth_getLogs":
                return GetLogs(p);
            case "evm_increaseTime":
                // anvil answers with the total offset as a JSON number, not a hex quantity.
                return new JValue(chain.IncreaseTime(TimeSpan.FromSeconds((double)p.Quantity(0))));
            case "evm_setNextBlockTimestamp":
                chain.SetNextBlockTimestamp(DateTimeOffset.FromUnixTimeSeconds((long)p.Quantity(0)));
                return JValue.CreateNull();
            case "evm_mine":
                if (p.Optional(0) is { } timestamp && timestamp.Type != JTokenType.Null)
                {
                    chain.SetNextBlockTimestamp(DateTimeOffset.FromUnixTimeSeconds((long)p.ParseQuantity(timestamp, 0)));
                }
                chain.Mine();
                return "0x0";
            case "evm_snapshot":
                return chain.Snapshot();
            case "evm_revert":
                return chain.Revert(p.Required(0).ToString());
            case "anvil_setBalance" or "hardhat_setBalance":
                chain.SetBalance(p.Address(0), p.Quantity(1));
                return JValue.CreateNull();
            default:
                throw new ChainException($"The embedded chain does not support the JSON-RPC method '{method}'. Supported: {string.Join(", ", Methods)}.", InProcessChainErrors.MethodNotSupported);
        }
    }

    private JToken? Block(long? number, string? hash, bool full)
    {
        if (full)
        {
            return ToJson(chain.GetBlockWithTransactions(number, hash));
        }
        return ToJson(hash is null ? chain.GetBlock(number!.Value) : chain.GetBlock(hash));
    }

    private JToken GetLogs(RpcParams p)
    {
        var filter = p.Required(0) as JObject ?? throw p.Invalid("eth_getLogs needs a filter object.");
        var input = new NewFilterInput
        {
            FromBlock = p.BlockParameter(filter["fromBlock"], 0),
            ToBlock = p.BlockParameter(filter["toBlock"], 0),
            Address = filter["address"] switch
            {
                null or { Type: JTokenType.Null } => null,
                JArray many => many.Select(a => (string?)a ?? throw p.Invalid("eth_getLogs: address entries must be strings.")).ToArray(),
                JValue one when one.Type == JTokenType.String => [(string)one!],
                _ => throw p.Invalid("eth_getLogs: address must be a string or an array of strings."),
            },
            Topics = filter["topics"] is JArray topics
                ? topics.Select(t => t.Type switch
                {
                    JTokenType.Null => (object?)null,
                    JTokenType.Array => t.Select(x => (string?)x).ToArray(),
                    JTokenType.String => (string?)t,
                    _ => throw p.Invalid("eth_getLogs: each topic must be null, a string or an array of strings."),
                }).ToArray()
                : null,
        };
        foreach (var address in input.Address ?? [])
        {
            if (!Addresses.IsValid(address))
            {
                throw p.Invalid("eth_getLogs: each address must be a 0x-prefixed 20-byte hex address.");
            }
        }
        var blockHash = filter["blockHash"]?.Type == JTokenType.String ? (string?)filter["blockHash"] : null;
        return JArray.FromObject(chain.GetLogs(input, blockHash), Serializer);
    }

    private JToken FeeHistory(RpcParams p)
    {
        var count = (long)BigInteger.Min(p.Quantity(0), 1024);
        var newest = p.Block(1) ?? chain.BlockNumber;
        newest = Math.Min(newest, chain.BlockNumber);
        var percentiles = p.Optional(2) as JArray;
        var oldest = Math.Max(0, newest - count + 1);
        var baseFees = new List<HexBigInteger>();
        var ratios = new List<decimal>();
        var rewards = new List<HexBigInteger[]>();
        foreach (var (baseFee, ratio, tip) in chain.FeeHistory(oldest, newest))
        {
            baseFees.Add(new HexBigInteger(baseFee));
            ratios.Add(ratio);
            rewards.Add([.. Enumerable.Repeat(new HexBigInteger(tip), percentiles?.Count ?? 0)]);
        }
        baseFees.Add(new HexBigInteger(chain.BaseFeePerGas));
        var result = new FeeHistoryResult
        {
            OldestBlock = new HexBigInteger(oldest),
            BaseFeePerGas = [.. baseFees],
            GasUsedRatio = [.. ratios],
            Reward = percentiles is null ? null : [.. rewards],
        };
        return JToken.FromObject(result, Serializer);
    }

    private static JToken? ToJson(object? dto) => dto is null ? JValue.CreateNull() : JToken.FromObject(dto, Serializer);

    private static JToken Quantity(BigInteger value) => new HexBigInteger(value).HexValue;
}
