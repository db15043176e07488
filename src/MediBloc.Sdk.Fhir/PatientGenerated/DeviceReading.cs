namespace MediBloc.Sdk.Fhir;

/// <summary>One reading from a patient's device (watch, cuff, glucometer), before it becomes an Observation.</summary>
/// <param name="Kind">What was measured.</param>
/// <param name="Time">When.</param>
/// <param name="Value">The value (the systolic pressure for blood pressure), exactly as exported.</param>
/// <param name="Unit">The unit as exported (for example <c>bpm</c>, <c>mmHg</c>, <c>mg/dL</c>, <c>mmol/L</c>), or null for the kind's usual unit.</param>
/// <param name="Diastolic">The diastolic pressure, for blood pressure only.</param>
/// <param name="Device">The device's name, when the export gives it.</param>
public sealed record DeviceReading(DeviceReadingKind Kind, DateTimeOffset Time, decimal Value, string? Unit = null, decimal? Diastolic = null, string? Device = null);
