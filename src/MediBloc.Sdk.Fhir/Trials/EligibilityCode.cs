namespace MediBloc.Sdk.Fhir;

/// <summary>A code with its system, e.g. SNOMED CT <c>15777000</c> or LOINC <c>4548-4</c>.</summary>
/// <param name="System">The code system URI (<c>http://snomed.info/sct</c>, <c>http://loinc.org</c>, <c>http://www.nlm.nih.gov/research/umls/rxnorm</c>, …).</param>
/// <param name="Code">The code.</param>
public sealed record EligibilityCode(string System, string Code)
{
    /// <summary>SNOMED CT.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>LOINC.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>RxNorm.</summary>
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /// <summary>FHIR administrative gender.</summary>
    public const string AdministrativeGender = "http://hl7.org/fhir/administrative-gender";

    /// <summary>Writes <c>system|code</c>.</summary>
    /// <returns>The code as text.</returns>
    public override string ToString() => $"{System}|{Code}";
}
