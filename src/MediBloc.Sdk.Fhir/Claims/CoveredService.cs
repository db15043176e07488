namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>
/// A service a policy covers and the most it allows per unit. Matches a claim item whose <c>productOrService</c>
/// carries <see cref="System"/> and <see cref="Code"/>; with <see cref="Code"/> <see langword="null"/>, it matches
/// every item whose <c>category</c> carries <see cref="System"/> and <see cref="Category"/>.
/// </summary>
/// <param name="System">The code system (for example <c>http://snomed.info/sct</c>).</param>
/// <param name="Code">The service code, or <see langword="null"/> to cover a whole category.</param>
/// <param name="AllowedAmount">The most allowed per unit, in the rules' currency (non-negative).</param>
public sealed record CoveredService(string System, string? Code, decimal AllowedAmount)
{
    /// <summary>The category code this entry covers when <see cref="Code"/> is <see langword="null"/> (for example <c>pharmacy</c>).</summary>
    public string? Category { get; init; }
}
