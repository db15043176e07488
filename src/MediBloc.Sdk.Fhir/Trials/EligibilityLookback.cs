namespace MediBloc.Sdk.Fhir;

/// <summary>
/// How far back from the evaluation time a record counts (a relative time window, e.g. "within the last 12 months").
/// The window is inclusive: a record dated exactly <see cref="Months"/> months and <see cref="Days"/> days before the
/// evaluation time counts; one dated after the evaluation time does not.
/// </summary>
/// <param name="Months">Calendar months back.</param>
/// <param name="Days">Days back, added to the months.</param>
public sealed record EligibilityLookback(int Months, int Days = 0)
{
    /// <summary>The last <paramref name="months"/> calendar months.</summary>
    /// <param name="months">How many (positive).</param>
    /// <returns>The lookback.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is not positive.</exception>
    public static EligibilityLookback LastMonths(int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        return new(months);
    }

    /// <summary>The last <paramref name="days"/> days.</summary>
    /// <param name="days">How many (positive).</param>
    /// <returns>The lookback.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is not positive.</exception>
    public static EligibilityLookback LastDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return new(0, days);
    }

    /// <summary>The earliest moment that counts for an evaluation at <paramref name="asOf"/>.</summary>
    /// <param name="asOf">The evaluation time.</param>
    /// <returns>The window's start.</returns>
    public DateTimeOffset StartFor(DateTimeOffset asOf) => asOf.AddMonths(-Months).AddDays(-Days);

    /// <summary>Writes the lookback, e.g. <c>12 months</c>.</summary>
    /// <returns>The lookback as text.</returns>
    public override string ToString() => (Months, Days) switch
    {
        (0, var d) => $"{d} days",
        (var m, 0) => $"{m} months",
        var (m, d) => $"{m} months {d} days",
    };
}
