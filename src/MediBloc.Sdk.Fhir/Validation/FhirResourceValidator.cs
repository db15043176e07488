using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Validates resources against base FHIR R4 (and the core profiles they claim) with Firely's validator, offline:
/// the definitions come from the <c>specification.zip</c> that the <c>Hl7.Fhir.Specification.Data.R4</c> package
/// copies next to the application.
/// </summary>
/// <remarks>
/// Loading the definitions takes a moment on first use; create one instance per application and share it
/// (validation is thread-safe). Terminology is checked against the value sets of the core specification only.
/// </remarks>
public class FhirResourceValidator
{
    private readonly Validator _validator = null!;

    /// <summary>Creates a validator reading <c>specification.zip</c> from the application's folder.</summary>
    /// <exception cref="FhirFormatException">No <c>specification.zip</c> is found there.</exception>
    public FhirResourceValidator() : this(Path.Combine(AppContext.BaseDirectory, "specification.zip"))
    {
    }

    /// <summary>Creates a validator reading the core definitions from a given <c>specification.zip</c>.</summary>
    /// <param name="specificationZipPath">The path of the R4 <c>specification.zip</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="specificationZipPath"/> is null.</exception>
    /// <exception cref="FhirFormatException">The file does not exist.</exception>
    public FhirResourceValidator(string specificationZipPath)
    {
        ArgumentNullException.ThrowIfNull(specificationZipPath);
        if (!File.Exists(specificationZipPath))
        {
            throw new FhirFormatException(
                $"The FHIR R4 specification.zip was not found at '{specificationZipPath}'; reference the Hl7.Fhir.Specification.R4 package from the application so it is copied to the output folder.",
                "$");
        }
        var resolver = new CachedResolver(new ZipSource(specificationZipPath));
        var terminology = LocalTerminologyService.CreateDefaultForCore(resolver);
        _validator = new Validator(resolver, terminology);
    }

    /// <summary>For mocking only.</summary>
    protected FhirResourceValidator(bool forMocking)
    {
        _ = forMocking;
    }

    /// <summary>Validates a resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The issues found; <see cref="FhirValidationResult.IsValid"/> when there is no error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resource"/> is null.</exception>
    public virtual FhirValidationResult Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var outcome = _validator.Validate(resource);
        return new FhirValidationResult(outcome.Issue
            .Select(i => new FhirValidationIssue(
                i.Severity?.ToString().ToLowerInvariant() ?? "information",
                i.Expression.FirstOrDefault() ?? i.Location.FirstOrDefault(),
                i.Details?.Text ?? i.Diagnostics ?? string.Empty))
            .ToArray());
    }

    /// <summary>Parses and validates a resource's JSON.</summary>
    /// <param name="resourceJson">The resource's JSON, UTF-8.</param>
    /// <returns>The issues found; parse problems are reported as errors.</returns>
    /// <exception cref="FhirFormatException">The input is not JSON or not a FHIR resource at all.</exception>
    public virtual FhirValidationResult Validate(ReadOnlyMemory<byte> resourceJson)
    {
        var resource = FhirJson.Parse(resourceJson, out var parseIssues);
        var result = Validate(resource);
        return parseIssues.Count == 0 ? result : new FhirValidationResult([.. parseIssues, .. result.Issues]);
    }
}
