namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>Options of <see cref="HealthReportBuilder"/>.</summary>
public sealed class HealthReportOptions
{
    private decimal _stableChangePercent = 5m;

    /// <summary>The preventive-care schedule to check; <see cref="PreventiveCareSchedule.Default"/> by default.</summary>
    public PreventiveCareSchedule Schedule { get; set; } = PreventiveCareSchedule.Default;

    /// <summary>
    /// How far (in percent of the previous value) the newest value may move and still count as
    /// <see cref="TrendDirection.Stable"/>; 5 by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or over 100.</exception>
    public decimal StableChangePercent
    {
        get => _stableChangePercent;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100m);
            _stableChangePercent = value;
        }
    }
}
