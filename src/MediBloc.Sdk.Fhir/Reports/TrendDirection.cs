namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>Where a <see cref="VitalTrend"/> is heading: its newest value against the one before.</summary>
public enum TrendDirection
{
    /// <summary>Only one value: no direction.</summary>
    Insufficient,

    /// <summary>Within <see cref="HealthReportOptions.StableChangePercent"/> of the previous value.</summary>
    Stable,

    /// <summary>Higher than the previous value by more than <see cref="HealthReportOptions.StableChangePercent"/>.</summary>
    Rising,

    /// <summary>Lower than the previous value by more than <see cref="HealthReportOptions.StableChangePercent"/>.</summary>
    Falling,
}
