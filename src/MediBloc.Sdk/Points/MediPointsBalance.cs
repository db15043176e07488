using System.Numerics;

namespace MediBloc.Sdk.Points;

/// <summary>An account's MediPoints, as the chain says at <see cref="AsOf"/>.</summary>
/// <param name="Balance">The unexpired points.</param>
/// <param name="Locked">The points held as deposits (for example for vouching); they count in the balance but cannot be converted.</param>
/// <param name="Convertible">The points convertible to MED now: past their 3-month lock, unexpired, not held as a deposit.</param>
/// <param name="Lots">Every lot ever minted to the account, oldest first.</param>
/// <param name="NextUnlockAt">When the next lot still locked becomes convertible, or <see langword="null"/> when none waits.</param>
/// <param name="NextExpiryAt">When the next unexpired lot with points left expires, or <see langword="null"/> when none.</param>
/// <param name="AsOf">The chain time of the reading.</param>
public sealed record MediPointsBalance(
    BigInteger Balance,
    BigInteger Locked,
    BigInteger Convertible,
    IReadOnlyList<MediPointsLot> Lots,
    DateTimeOffset? NextUnlockAt,
    DateTimeOffset? NextExpiryAt,
    DateTimeOffset AsOf);
