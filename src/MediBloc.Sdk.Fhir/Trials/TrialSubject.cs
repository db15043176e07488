using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Sdk.Fhir;

/// <summary>An enrolled patient as the researcher sees them: the enrolment on chain, the shared <c>ResearchSubject</c>, and the records shared for the study.</summary>
/// <param name="Enrolment">The enrolment (patient address, consent hash, current status).</param>
/// <param name="Subject">The <c>ResearchSubject</c> the patient shared, or <see langword="null"/> when none is readable (never shared, or the grant was revoked on withdrawal).</param>
/// <param name="Records">The records shared with the researcher for research under grants still in force.</param>
public sealed record TrialSubject(StudyEnrolment Enrolment, ResearchSubject? Subject, IReadOnlyList<SharedWithMeRecord> Records);
