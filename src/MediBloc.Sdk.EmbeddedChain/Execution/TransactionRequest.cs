using System.Numerics;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>What to execute: a decoded signed transaction, or the fields of a call or estimate.</summary>
internal sealed record TransactionRequest
{
    public required string From { get; init; }
    public string? To { get; init; }
    public byte[] Data { get; init; } = [];
    public BigInteger Value { get; init; }
    public BigInteger GasLimit { get; init; }
    public BigInteger Nonce { get; init; }
    public BigInteger GasPrice { get; init; }
    public BigInteger MaxFeePerGas { get; init; }
    public BigInteger MaxPriorityFeePerGas { get; init; }
    public bool IsEip1559 { get; init; }
    public List<Nethereum.EVM.Gas.AccessListEntry>? AccessList { get; init; }
}
