namespace MediBloc.Sdk.Fhir;

/// <summary>The outcome of validating one resource against base FHIR R4.</summary>
/// <param name="Issues">Every issue the validator reported, in its order.</param>
public sealed record FhirValidationResult(IReadOnlyList<FhirValidationIssue> Issues)
{
    /// <summary>The issues of severity error or fatal.</summary>
    public IReadOnlyList<FhirValidationIssue> Errors =>
        Issues.Where(i => i.Severity is "error" or "fatal").ToArray();

    /// <summary>Whether the resource has no error or fatal issue (warnings and information are allowed).</summary>
    public bool IsValid => !Issues.Any(i => i.Severity is "error" or "fatal");
}
