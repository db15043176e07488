using MediBloc.Sdk.Crypto;
using System.Numerics;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>A deposit of specific MediPoints, held by a locker (for example Credentials, for a vouch).</summary>
/// <param name="DepositId">The deposit's id.</param>
/// <param name="Account">The depositor.</param>
/// <param name="Locker">The locker that made it (only it may release or slash it).</param>
/// <param name="Points">Its points: taken from lots that live past <paramref name="Until"/>.</param>
/// <param name="Until">Until when its points were to live.</param>
/// <param name="State">Held, released or slashed.</param>
public sealed record MediPointsDeposit(BigInteger DepositId, EvmAddress Account, EvmAddress Locker, BigInteger Points, DateTimeOffset Until, MediPointsDepositState State);

/// <summary>Where a deposit stands.</summary>
public enum MediPointsDepositState
{
    /// <summary>No such deposit.</summary>
    None = 0,

    /// <summary>Held: its points are frozen (not free, not convertible).</summary>
    Held = 1,

    /// <summary>Released: its points went back to the account's lots, with their original unlock and expiry.</summary>
    Released = 2,

    /// <summary>Slashed: its points were burned and their MED went to the treasury.</summary>
    Slashed = 3,
}
