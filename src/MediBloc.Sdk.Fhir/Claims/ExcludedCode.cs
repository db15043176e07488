namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>A code a policy excludes: a claim item with it is not covered, and a claim with it as a diagnosis is denied.</summary>
/// <param name="System">The code system.</param>
/// <param name="Code">The code.</param>
public sealed record ExcludedCode(string System, string Code);
