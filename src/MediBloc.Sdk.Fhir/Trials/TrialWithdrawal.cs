using Hl7.Fhir.Model;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;

namespace MediBloc.Sdk.Fhir;

/// <summary>A patient's withdrawal as FHIR: the chain facts (grants revoked) and the <c>ResearchSubject</c> now withdrawn, kept as the patient's own record (not shared).</summary>
/// <param name="Chain">The withdrawal on chain and the revoked grants.</param>
/// <param name="Subject">The research subject with status withdrawn.</param>
/// <param name="SubjectRecord">It, as the patient's record.</param>
public sealed record TrialWithdrawal(StudyWithdrawalResult Chain, ResearchSubject Subject, PublishedRecord SubjectRecord);
