using System.Numerics;

namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>A mined <c>openPolicy</c>: the new policy's id.</summary>
/// <param name="TransactionHash">The transaction hash (0x-hex).</param>
/// <param name="BlockNumber">The number of the block that holds the transaction.</param>
/// <param name="GasUsed">The gas the transaction used.</param>
/// <param name="PolicyId">The new policy's id.</param>
public sealed record PolicyOpening(string TransactionHash, long BlockNumber, long GasUsed, BigInteger PolicyId)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
