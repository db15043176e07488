using System.Numerics;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>A policy as the claims contract holds it. Amounts are in MED's smallest unit.</summary>
/// <param name="PolicyId">The policy's id.</param>
/// <param name="Insurer">The insurer that opened it; only it funds, withdraws, pays and denies.</param>
/// <param name="RulesHash">The hash of the declared adjudication rules document (0x-hex, 32 bytes).</param>
/// <param name="StartsAt">Start of the coverage period (chain time).</param>
/// <param name="EndsAt">End of the coverage period (exclusive).</param>
/// <param name="MaxClaim">The most one claim may ask for.</param>
/// <param name="Pool">The MED in the pool: <c>Funded - Paid - Withdrawn</c>.</param>
/// <param name="Reserved">The part of the pool reserved by filed, undecided claims (never withdrawable).</param>
/// <param name="Funded">All MED the insurer put in.</param>
/// <param name="Paid">All MED paid to claims.</param>
/// <param name="Withdrawn">All MED the insurer took back.</param>
/// <param name="MaxOpenClaims">The most undecided claims one member may hold at once.</param>
/// <param name="DecisionWindow">How long the insurer has to decide a claim before its claimant may withdraw it.</param>
public sealed record InsurancePolicy(
    BigInteger PolicyId,
    EvmAddress Insurer,
    string RulesHash,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    BigInteger MaxClaim,
    BigInteger Pool,
    BigInteger Reserved,
    BigInteger Funded,
    BigInteger Paid,
    BigInteger Withdrawn,
    int MaxOpenClaims,
    TimeSpan DecisionWindow)
{
    /// <summary>The MED a new claim or a withdrawal may still take: <c>Pool - Reserved</c>.</summary>
    public BigInteger Available => Pool - Reserved;
}
