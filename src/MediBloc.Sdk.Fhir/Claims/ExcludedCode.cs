namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>A code a policy excludes: a claim that bills it or names it as a diagnosis is denied (<c>Excluded</c>).</summary>
/// <param name="System">The code system.</param>
/// <param name="Code">The code.</param>
public sealed record ExcludedCode(string System, string Code);
