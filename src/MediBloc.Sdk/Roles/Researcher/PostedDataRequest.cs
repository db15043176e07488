using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Roles.Researcher;

/// <summary>A data request the researcher posted.</summary>
/// <param name="TransactionHash">The posting transaction's hash.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
/// <param name="RequestId">The request's id.</param>
/// <param name="Escrow">The MED escrowed (price × maximum records), in the smallest unit.</param>
/// <param name="CriteriaCid">The CID of the published criteria document.</param>
public sealed record PostedDataRequest(string TransactionHash, long BlockNumber, long GasUsed, BigInteger RequestId, BigInteger Escrow, string CriteriaCid)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
