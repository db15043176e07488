namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>One value of a <see cref="VitalTrend"/>.</summary>
/// <param name="Date">The day it was measured (the Observation's effective time, in its own offset).</param>
/// <param name="Value">The value, as recorded.</param>
/// <param name="ResourceId">The Observation it comes from (type/id).</param>
public sealed record TrendPoint(DateOnly Date, decimal Value, string ResourceId);
