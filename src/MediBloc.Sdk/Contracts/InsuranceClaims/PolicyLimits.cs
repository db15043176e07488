namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>
/// The limits a policy sets on undecided claims, so no member can lock its pool: a member holds at most
/// <see cref="MaxOpenClaims"/> undecided claims at once (reserving at most <c>MaxOpenClaims × maxClaim</c>), and may
/// withdraw an undecided claim of its own once <see cref="DecisionWindow"/> has passed since filing.
/// </summary>
/// <param name="MaxOpenClaims">The most undecided claims one member may hold under the policy (positive).</param>
/// <param name="DecisionWindow">How long the insurer has to decide a claim before its claimant may withdraw it (at least one second; whole seconds on chain).</param>
public sealed record PolicyLimits(int MaxOpenClaims, TimeSpan DecisionWindow)
{
    /// <summary>The limits used when none are given: 5 open claims per member, a 30-day decision window.</summary>
    public static PolicyLimits Default { get; } = new(5, TimeSpan.FromDays(30));

    internal (uint MaxOpenClaims, ulong DecisionWindowSeconds) Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxOpenClaims, nameof(MaxOpenClaims));
        ArgumentOutOfRangeException.ThrowIfLessThan(DecisionWindow, TimeSpan.FromSeconds(1), nameof(DecisionWindow));
        return ((uint)MaxOpenClaims, (ulong)DecisionWindow.TotalSeconds);
    }
}
