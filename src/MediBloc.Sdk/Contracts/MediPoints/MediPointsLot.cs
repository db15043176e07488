using System.Numerics;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>
/// One live lot of MediPoints: the free points an account was minted in one week (timestamp / 7 days), less what
/// conversions and deposits took. A lot unlocks 90 days and expires 730 days after the end of its week.
/// </summary>
/// <param name="Points">The lot's free points (points held in a deposit are not counted here).</param>
/// <param name="UnlocksAt">When the lot may be converted to MED.</param>
/// <param name="ExpiresAt">When the lot expires.</param>
public sealed record MediPointsLot(BigInteger Points, DateTimeOffset UnlocksAt, DateTimeOffset ExpiresAt);
