using Hl7.Fhir.Model;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;

namespace MediBloc.Sdk.Fhir;

/// <summary>A patient's enrolment as FHIR: the signed consent, the <c>ResearchSubject</c> (status on-study), their records, and the chain facts.</summary>
/// <param name="Chain">The enrolment on chain and the research grants.</param>
/// <param name="Consent">The consent the patient agreed to; its SHA-256 is on chain.</param>
/// <param name="Subject">The research subject, referencing the study and the consent.</param>
/// <param name="ConsentRecord">The consent as the patient's record (shared with the researcher).</param>
/// <param name="SubjectRecord">The research subject as the patient's record (shared with the researcher).</param>
public sealed record TrialEnrolment(StudyEnrolmentResult Chain, Consent Consent, ResearchSubject Subject, PublishedRecord ConsentRecord, PublishedRecord SubjectRecord);
