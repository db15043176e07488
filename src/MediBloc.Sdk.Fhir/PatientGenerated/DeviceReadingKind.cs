using System.ComponentModel;

namespace MediBloc.Sdk.Fhir;

/// <summary>What a device reading measures. An extensible enum: compare with the static values.</summary>
public readonly struct DeviceReadingKind : IEquatable<DeviceReadingKind>
{
    private readonly string? _value;

    /// <summary>Creates a kind from its name as it appears in exports (for example <c>heart_rate</c>).</summary>
    /// <param name="value">The name.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public DeviceReadingKind(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>Heart rate in beats per minute (LOINC 8867-4, UCUM <c>/min</c>).</summary>
    public static DeviceReadingKind HeartRate { get; } = new("heart_rate");
    /// <summary>Step count (LOINC 55423-8, UCUM <c>{steps}</c>).</summary>
    public static DeviceReadingKind Steps { get; } = new("steps");
    /// <summary>Blood pressure, systolic over diastolic in mmHg (LOINC 85354-9 with 8480-6 and 8462-4, UCUM <c>mm[Hg]</c>).</summary>
    public static DeviceReadingKind BloodPressure { get; } = new("blood_pressure");
    /// <summary>Blood glucose in mg/dL (LOINC 2339-0) or mmol/L (LOINC 15074-8).</summary>
    public static DeviceReadingKind Glucose { get; } = new("glucose");

    /// <summary>Body weight in kg (LOINC 29463-7, UCUM <c>kg</c> or <c>[lb_av]</c>).</summary>
    public static DeviceReadingKind BodyWeight { get; } = new("body_weight");
    /// <summary>Body temperature (LOINC 8310-5, UCUM <c>Cel</c> or <c>[degF]</c>).</summary>
    public static DeviceReadingKind BodyTemperature { get; } = new("body_temperature");

    /// <summary>Compares two kinds.</summary>
    public static bool operator ==(DeviceReadingKind left, DeviceReadingKind right) => left.Equals(right);
    /// <summary>Compares two kinds.</summary>
    public static bool operator !=(DeviceReadingKind left, DeviceReadingKind right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(DeviceReadingKind other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);
    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is DeviceReadingKind other && Equals(other);
    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);
    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;
}
