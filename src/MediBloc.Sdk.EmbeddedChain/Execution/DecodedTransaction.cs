using System.Numerics;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>A signed transaction taken apart: its fields, its signer and its hash.</summary>
internal sealed record DecodedTransaction(
    TransactionRequest Request,
    byte Type,
    BigInteger? ChainId,
    string Hash,
    string? V,
    string? R,
    string? S);
