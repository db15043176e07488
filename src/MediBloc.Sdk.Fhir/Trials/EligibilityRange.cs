using System.Globalization;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// A range of values in one UCUM unit: each bound optional, inclusive or exclusive (FHIR writes an exclusive bound as a
/// <c>Quantity</c> with comparator <c>&gt;</c> or <c>&lt;</c>, an inclusive range as a <c>Range</c>). No unit conversion
/// is done: a value in another unit does not match.
/// </summary>
/// <param name="Low">The lower bound, or <see langword="null"/>.</param>
/// <param name="LowInclusive">Whether a value equal to <paramref name="Low"/> is in the range.</param>
/// <param name="High">The upper bound, or <see langword="null"/>.</param>
/// <param name="HighInclusive">Whether a value equal to <paramref name="High"/> is in the range.</param>
/// <param name="Unit">The UCUM unit code (<c>%</c>, <c>mg/dL</c>, <c>a</c> for years, …).</param>
public sealed record EligibilityRange(decimal? Low, bool LowInclusive, decimal? High, bool HighInclusive, string Unit)
{
    /// <summary>Values above <paramref name="value"/> (exclusive).</summary>
    /// <param name="value">The bound.</param>
    /// <param name="unit">The UCUM unit.</param>
    /// <returns>The range.</returns>
    public static EligibilityRange GreaterThan(decimal value, string unit) => new(value, false, null, false, unit);

    /// <summary>Values at or above <paramref name="value"/>.</summary>
    /// <param name="value">The bound.</param>
    /// <param name="unit">The UCUM unit.</param>
    /// <returns>The range.</returns>
    public static EligibilityRange AtLeast(decimal value, string unit) => new(value, true, null, false, unit);

    /// <summary>Values below <paramref name="value"/> (exclusive).</summary>
    /// <param name="value">The bound.</param>
    /// <param name="unit">The UCUM unit.</param>
    /// <returns>The range.</returns>
    public static EligibilityRange LessThan(decimal value, string unit) => new(null, false, value, false, unit);

    /// <summary>Values at or below <paramref name="value"/>.</summary>
    /// <param name="value">The bound.</param>
    /// <param name="unit">The UCUM unit.</param>
    /// <returns>The range.</returns>
    public static EligibilityRange AtMost(decimal value, string unit) => new(null, false, value, true, unit);

    /// <summary>Values from <paramref name="low"/> to <paramref name="high"/>, both inclusive.</summary>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <param name="unit">The UCUM unit.</param>
    /// <returns>The range.</returns>
    public static EligibilityRange Between(decimal low, decimal high, string unit) => new(low, true, high, true, unit);

    /// <summary>Whether <paramref name="value"/> in <paramref name="unit"/> is within the range.</summary>
    /// <param name="value">The value.</param>
    /// <param name="unit">Its UCUM unit code.</param>
    /// <returns><see langword="true"/> when the unit is this range's and the value is within the bounds.</returns>
    public bool Contains(decimal value, string? unit) =>
        string.Equals(unit, Unit, StringComparison.Ordinal)
        && (Low is not { } low || (LowInclusive ? value >= low : value > low))
        && (High is not { } high || (HighInclusive ? value <= high : value < high));

    /// <summary>Writes the range, e.g. <c>&gt; 7 %</c> or <c>65–90 a</c>.</summary>
    /// <returns>The range as text.</returns>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        return (Low, High) switch
        {
            ({ } l, { } h) when LowInclusive && HighInclusive => string.Create(c, $"{l}–{h} {Unit}"),
            ({ } l, { } h) => string.Create(c, $"{(LowInclusive ? ">=" : ">")} {l} and {(HighInclusive ? "<=" : "<")} {h} {Unit}"),
            ({ } l, null) => string.Create(c, $"{(LowInclusive ? ">=" : ">")} {l} {Unit}"),
            (null, { } h) => string.Create(c, $"{(HighInclusive ? "<=" : "<")} {h} {Unit}"),
            _ => $"any {Unit}",
        };
    }
}
