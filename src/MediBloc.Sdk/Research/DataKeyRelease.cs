using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Research;

/// <summary>A record key released to a request's researcher, and the payment it triggered.</summary>
/// <param name="TransactionHash">The release transaction's hash (sent by the relayer when one is configured).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
/// <param name="RequestId">The request.</param>
/// <param name="Commitment">The record (0x-hex commitment).</param>
/// <param name="Payee">The fresh address that was paid.</param>
/// <param name="Amount">The MED paid, in the smallest unit.</param>
/// <param name="KeyCid">The envelope re-wrapped to the researcher (its CID travels on chain sealed to the researcher).</param>
public sealed record DataKeyRelease(string TransactionHash, long BlockNumber, long GasUsed, BigInteger RequestId, Commitment Commitment, EvmAddress Payee, BigInteger Amount, ContentId KeyCid)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
