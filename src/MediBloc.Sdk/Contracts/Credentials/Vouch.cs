using MediBloc.Sdk.Crypto;
using System.Numerics;

namespace MediBloc.Sdk.Contracts.Credentials;

/// <summary>A vouch as the chain holds it, with the rules it was made under.</summary>
/// <param name="Candidate">The vouched-for account.</param>
/// <param name="Role">The role.</param>
/// <param name="Voucher">The vouching account.</param>
/// <param name="PointsAddress">The MediPoints contract holding the deposit (the one in force when the vouch was made).</param>
/// <param name="DepositId">The deposit's id in that contract.</param>
/// <param name="Amount">The deposit's points.</param>
/// <param name="MadeAt">When the vouch was made.</param>
/// <param name="ValidUntil">Until when it counts towards a credential.</param>
/// <param name="ReleasableAt">From when the voucher may release it once bonded (its term plus the challenge window); the deposit's points live at least until then.</param>
/// <param name="Bonded">Whether it certified a credential (then it stays locked until <paramref name="ReleasableAt"/> and an authority's challenge slashes it); a pending vouch can be released at any time.</param>
public sealed record Vouch(
    EvmAddress Candidate,
    CredentialRole Role,
    EvmAddress Voucher,
    EvmAddress PointsAddress,
    BigInteger DepositId,
    BigInteger Amount,
    DateTimeOffset MadeAt,
    DateTimeOffset ValidUntil,
    DateTimeOffset ReleasableAt,
    bool Bonded);
