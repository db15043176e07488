using Hl7.Fhir.Model;
using MediBloc.Sdk.Research;

namespace MediBloc.Sdk.Fhir;

/// <summary>A posted study read as FHIR: the on-chain study and document, the <c>ResearchStudy</c>, and its eligibility criteria.</summary>
/// <param name="Published">The study as the SDK read it (chain state, counts, document, CID).</param>
/// <param name="ResearchStudy">The FHIR study.</param>
/// <param name="Criteria">Its eligibility criteria.</param>
public sealed record TrialStudy(PublishedStudy Published, ResearchStudy ResearchStudy, IReadOnlyList<EligibilityCriterion> Criteria)
{
    /// <summary>Reads a posted study's FHIR content.</summary>
    /// <param name="published">The study.</param>
    /// <returns>The study with its criteria.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="published"/> is null.</exception>
    /// <exception cref="FhirFormatException">The document is not a <c>ResearchStudy</c> or its criteria are outside the supported subset.</exception>
    public static TrialStudy From(PublishedStudy published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var study = ResearchStudyEligibility.ParseStudy(published.Document.ResearchStudyJson);
        return new TrialStudy(published, study, ResearchStudyEligibility.ReadCriteria(study));
    }
}
