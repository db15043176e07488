using System.Numerics;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>An account's MediPoints, as the chain says at <see cref="AsOf"/>.</summary>
/// <param name="Balance">The free, unexpired points (points held in deposits are not free: see <paramref name="Locked"/>).</param>
/// <param name="Locked">The points held in deposits (for example for vouching); they cannot be converted until released.</param>
/// <param name="Convertible">The points convertible to MED now: free, unlocked and unexpired.</param>
/// <param name="Lots">The live lots with free points, oldest first (at most 106).</param>
/// <param name="NextUnlockAt">When the next lot still locked becomes convertible, or <see langword="null"/> when none waits.</param>
/// <param name="NextExpiryAt">When the next live lot expires, or <see langword="null"/> when none.</param>
/// <param name="AsOf">The chain time of the reading.</param>
public sealed record MediPointsBalance(
    BigInteger Balance,
    BigInteger Locked,
    BigInteger Convertible,
    IReadOnlyList<MediPointsLot> Lots,
    DateTimeOffset? NextUnlockAt,
    DateTimeOffset? NextExpiryAt,
    DateTimeOffset AsOf);
