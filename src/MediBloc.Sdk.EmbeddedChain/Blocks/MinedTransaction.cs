using System.Numerics;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.EmbeddedChain.Blocks;

/// <summary>A transaction as mined: what was sent, where it landed and what it did.</summary>
internal sealed record MinedTransaction
{
    public required string Hash { get; init; }
    public required byte Type { get; init; }
    public required string From { get; init; }
    public string? To { get; init; }
    public required BigInteger Nonce { get; init; }
    public required BigInteger GasLimit { get; init; }
    public BigInteger? GasPrice { get; init; }
    public BigInteger? MaxFeePerGas { get; init; }
    public BigInteger? MaxPriorityFeePerGas { get; init; }
    public required BigInteger Value { get; init; }
    public required string Input { get; init; }
    public required BigInteger ChainId { get; init; }
    public string? V { get; init; }
    public string? R { get; init; }
    public string? S { get; init; }
    public required long BlockNumber { get; init; }
    public required string BlockHash { get; init; }
    public required BigInteger EffectiveGasPrice { get; init; }
    public required bool Success { get; init; }
    public required BigInteger GasUsed { get; init; }
    public string? ContractAddress { get; init; }
    public required IReadOnlyList<FilterLog> Logs { get; init; }
    public byte[]? ReturnData { get; init; }
}
