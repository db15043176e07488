using MediBloc.Sdk.Crypto;
using System.Numerics;

namespace MediBloc.Sdk.Contracts.Credentials;

/// <summary>The peer-vouching rules of a <c>Credentials</c> contract, as they apply to new vouches (a vouch keeps the rules it was made under).</summary>
/// <param name="PointsAddress">The MediPoints contract that holds deposits, or <see langword="null"/> while vouching is off.</param>
/// <param name="VouchesRequired">How many fresh vouches certify a candidate (1–16).</param>
/// <param name="Deposit">The MediPoints each voucher locks.</param>
/// <param name="Term">How long a vouch counts; a vouched credential ends when the oldest vouch that made it stops counting.</param>
/// <param name="ChallengeWindow">How long after a vouch's term its deposit stays locked and an authority may still challenge it.</param>
/// <param name="MaxLiveVouches">How many live (unreleased, unslashed) vouches one voucher may have.</param>
public sealed record VouchingRules(EvmAddress? PointsAddress, int VouchesRequired, BigInteger Deposit, TimeSpan Term, TimeSpan ChallengeWindow, int MaxLiveVouches)
{
    /// <summary>The most vouches that may stand on one candidate and role (the contract's <c>MAX_VOUCHERS</c>).</summary>
    public const int MaxVouchersPerCandidate = 16;

    /// <summary>Rules that turn vouching off (no MediPoints contract).</summary>
    public static VouchingRules Off { get; } = new(null, 0, BigInteger.Zero, TimeSpan.Zero, TimeSpan.Zero, 0);
}
