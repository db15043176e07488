using System.Numerics;

namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>A mined <c>fileClaim</c>: the claim's id and the amount reserved for it.</summary>
/// <param name="TransactionHash">The transaction hash (0x-hex).</param>
/// <param name="BlockNumber">The number of the block that holds the transaction.</param>
/// <param name="GasUsed">The gas the transaction used.</param>
/// <param name="ClaimId">The claim id (0x-hex).</param>
/// <param name="Amount">The MED claimed and reserved.</param>
public sealed record ClaimFiling(string TransactionHash, long BlockNumber, long GasUsed, string ClaimId, BigInteger Amount)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
