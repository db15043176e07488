using System.Globalization;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// The FHIR R4 resources of an enrolment: the research <c>Consent</c> the patient agrees to (its SHA-256 goes on chain
/// with the patient's signature) and the <c>ResearchSubject</c> that references the study and that consent.
/// </summary>
/// <remarks>
/// References are by identifier: the study by its document CID (<see cref="AnchorProvenance.CidSystem"/>) and its id
/// (<see cref="StudyIdSystem"/>), the patient and the researcher by address (<see cref="AnchorProvenance.AddressSystem"/>),
/// the consent by its SHA-256 (<see cref="ConsentDigestSystem"/>), which is what the chain's <c>Enrolled</c> event names.
/// </remarks>
public static class TrialResources
{
    /// <summary>The identifier system of a study's on-chain id.</summary>
    public const string StudyIdSystem = "urn:medibloc:study-id";

    /// <summary>The identifier system of a consent's SHA-256 (0x-hex), as the enrolment on chain names it.</summary>
    public const string ConsentDigestSystem = "urn:medibloc:consent-sha256";

    private const string ScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";
    private const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private const string ActReasonSystem = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private const string ParticipationSystem = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /// <summary>The research consent: scope research, opt-in, permitting the study's researcher to use the shared records for research (HRESCH).</summary>
    /// <param name="study">The study.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="at">When the patient agrees.</param>
    /// <returns>The consent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    public static Consent BuildConsent(TrialStudy study, EvmAddress patient, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(study);
        var started = new FhirDateTime(at.ToUniversalTime());
        return new Consent
        {
            Status = Consent.ConsentState.Active,
            Scope = new CodeableConcept(ScopeSystem, "research", "Research"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = new ResourceReference { Identifier = new Identifier(AnchorProvenance.AddressSystem, patient.ToString()) },
            DateTimeElement = started,
            Identifier = [StudyIdentifier(study)],
            PolicyRule = new CodeableConcept(ActCodeSystem, "OPTIN", "opt-in"),
            Provision = new Consent.provisionComponent
            {
                Type = Consent.ConsentProvisionType.Permit,
                Period = new Period { StartElement = started },
                Actor =
                [
                    new Consent.provisionActorComponent
                    {
                        Role = new CodeableConcept(ParticipationSystem, "IRCP", "information recipient"),
                        Reference = new ResourceReference { Identifier = new Identifier(AnchorProvenance.AddressSystem, study.Published.Study.Researcher.ToString()) },
                    },
                ],
                Purpose = [new Coding(ActReasonSystem, PurposeOfUse.Research, "healthcare research")],
            },
        };
    }

    /// <summary>The research subject: the patient in the study, with a status and the consent's SHA-256.</summary>
    /// <param name="study">The study.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="consentDigest">SHA-256 of the consent (0x-hex), as on chain.</param>
    /// <param name="status">On-study, candidate, withdrawn, …</param>
    /// <param name="start">When the participation began, or <see langword="null"/> when not known here.</param>
    /// <param name="end">When it ended (withdrawn), or <see langword="null"/>.</param>
    /// <returns>The research subject.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ResearchSubject BuildSubject(
        TrialStudy study, EvmAddress patient, string consentDigest, ResearchSubject.ResearchSubjectStatus status, DateTimeOffset? start, DateTimeOffset? end = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(consentDigest);
        return new ResearchSubject
        {
            Identifier = [StudyIdentifier(study)],
            Status = status,
            Period = new Period { StartElement = start is { } s ? new FhirDateTime(s.ToUniversalTime()) : null, EndElement = end is { } e ? new FhirDateTime(e.ToUniversalTime()) : null },
            Study = new ResourceReference
            {
                Identifier = new Identifier(AnchorProvenance.CidSystem, study.Published.DocumentCid),
                Display = study.ResearchStudy.Title,
            },
            Individual = new ResourceReference { Identifier = new Identifier(AnchorProvenance.AddressSystem, patient.ToString()) },
            Consent = new ResourceReference { Identifier = new Identifier(ConsentDigestSystem, consentDigest) },
        };
    }

    /// <summary>Whether a research subject belongs to the study (by its study-id identifier and document CID).</summary>
    /// <param name="subject">The research subject.</param>
    /// <param name="study">The study.</param>
    /// <returns><see langword="true"/> when it names this study.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool IsFor(ResearchSubject subject, TrialStudy study)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(study);
        return subject.Study?.Identifier?.Value == study.Published.DocumentCid
            && subject.Identifier.Any(i => i.System == StudyIdSystem && i.Value == study.Published.Study.StudyId.ToString(CultureInfo.InvariantCulture));
    }

    private static Identifier StudyIdentifier(TrialStudy study) =>
        new(StudyIdSystem, study.Published.Study.StudyId.ToString(CultureInfo.InvariantCulture));
}
