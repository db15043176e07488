using System.Numerics;

namespace MediBloc.Sdk.Points;

/// <summary>
/// One lot of MediPoints: what one reward or purchase minted, and what is left of it after conversions and slashes
/// (which take from the oldest eligible lots first, as the contract does).
/// </summary>
/// <param name="Minted">The points minted.</param>
/// <param name="Remaining">The points left (expired lots keep their remainder here but count in no balance).</param>
/// <param name="Source">Why it was minted.</param>
/// <param name="Commitment">For a record reward, the record's record id, keccak256(abi.encode(owner, commitment)) (0x-hex); otherwise <see langword="null"/>.</param>
/// <param name="MintedAt">When it was minted (block time).</param>
/// <param name="UnlocksAt">When it may be converted to MED: three months after minting.</param>
/// <param name="ExpiresAt">When it expires: 24 months after minting.</param>
/// <param name="TransactionHash">The minting transaction.</param>
public sealed record MediPointsLot(
    BigInteger Minted,
    BigInteger Remaining,
    MediPointsSource Source,
    string? Commitment,
    DateTimeOffset MintedAt,
    DateTimeOffset UnlocksAt,
    DateTimeOffset ExpiresAt,
    string TransactionHash);
