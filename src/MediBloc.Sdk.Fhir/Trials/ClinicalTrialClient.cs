using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Research;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Clinical-trial recruitment in FHIR R4 terms, over a configured <see cref="MediBlocClient"/>: a researcher posts a
/// <c>ResearchStudy</c> with eligibility criteria; a patient's app lists open studies, evaluates eligibility on the
/// device against the patient's own records (<see cref="EligibilityEvaluator"/>; nothing is sent), signals anonymous
/// interest (<see cref="Roles.Patient.PatientResearchClient.SignalStudyInterestAsync"/>), enrols (a signed consent on
/// chain, then a <c>ResearchSubject</c> and the chosen records shared with the researcher for research) and withdraws
/// (grants revoked, subject withdrawn). The researcher reads counts until a patient enrols, then the subject and records.
/// </summary>
/// <remarks>Thread-safe; one instance per app. Chain writes wait for their receipts.</remarks>
public partial class ClinicalTrialClient
{
    private readonly MediBlocClient _client = null!;

    /// <summary>For mocking.</summary>
    protected ClinicalTrialClient()
    {
    }

    /// <summary>Creates a trial client over a configured client (the studies, access grants and credentials addresses must be set).</summary>
    /// <param name="client">The client.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public ClinicalTrialClient(MediBlocClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Lists the open studies whose documents are FHIR studies with criteria in the supported subset (others are skipped).</summary>
    /// <param name="reader">Any account (nothing is sent; a patient's own signer is fine).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The open studies, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<TrialStudy> ListOpenStudiesAsync(MediBlocSigner reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await foreach (var published in _client.GetPatientClient(reader).Research.ListOpenStudiesAsync(0, cancellationToken).ConfigureAwait(false))
        {
            TrialStudy? study;
            try
            {
                study = TrialStudy.From(published);
            }
            catch (FhirFormatException)
            {
                study = null;
            }
            if (study is not null)
            {
                yield return study;
            }
        }
    }

    /// <summary>Reads one study as FHIR.</summary>
    /// <param name="reader">Any account.</param>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The study, or <see langword="null"/> when no study has that id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="FhirFormatException">The document is not a study in the supported subset.</exception>
    /// <exception cref="InvalidFormatException">The document is not a study document.</exception>
    /// <exception cref="IntegrityException">The stored document does not match the hash on chain.</exception>
    /// <exception cref="NotFoundException">The content store does not hold the document.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<TrialStudy?> GetStudyAsync(MediBlocSigner reader, BigInteger studyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var published = await _client.GetPatientClient(reader).Research.GetStudyAsync(studyId, cancellationToken).ConfigureAwait(false);
        return published is null ? null : TrialStudy.From(published);
    }

    /// <summary>
    /// Opens the patient's own FHIR records (single resources, and the entries of bundles stored whole) on the device.
    /// Records of other content types, and records that do not parse as FHIR R4, are left out.
    /// </summary>
    /// <param name="patient">The patient's signer (it opens the records).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The resources.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patient"/> is null.</exception>
    /// <exception cref="AccessDeniedException">The signer cannot open records (code <see cref="MediBlocErrorCode.KeyAgreementUnavailable"/>).</exception>
    /// <exception cref="IntegrityException">A record failed a check.</exception>
    /// <exception cref="InvalidOperationException">The access grants address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<IReadOnlyList<Resource>> ReadMyResourcesAsync(MediBlocSigner patient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var reader = _client.GetProviderClient(patient);
        var resources = new List<Resource>();
        foreach (var record in await _client.GetPatientClient(patient).ListMyRecordsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!record.ContentType.StartsWith("application/fhir+json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var opened = await reader.OpenAsync(record.Cid, cancellationToken).ConfigureAwait(false);
            Resource parsed;
            try
            {
                parsed = FhirJson.Parse(opened.Content, out _);
            }
            catch (FhirFormatException)
            {
                continue;
            }
            if (parsed is Bundle bundle)
            {
                resources.AddRange(bundle.Entry.Select(e => e.Resource).OfType<Resource>());
            }
            else
            {
                resources.Add(parsed);
            }
        }
        return resources;
    }

    /// <summary>Evaluates a study's criteria against the patient's own records, on the device (<see cref="EligibilityEvaluator"/>); nothing is sent.</summary>
    /// <param name="patient">The patient's signer.</param>
    /// <param name="study">The study.</param>
    /// <param name="asOf">The evaluation time (usually now).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The result, per criterion.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AccessDeniedException">The signer cannot open records.</exception>
    /// <exception cref="IntegrityException">A record failed a check.</exception>
    /// <exception cref="InvalidOperationException">The access grants address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<EligibilityResult> EvaluateAsync(MediBlocSigner patient, TrialStudy study, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        var resources = await ReadMyResourcesAsync(patient, cancellationToken).ConfigureAwait(false);
        return EligibilityEvaluator.Evaluate(study.Criteria, resources, asOf);
    }

    /// <summary>
    /// Enrols the patient: builds the research <c>Consent</c> and a <c>ResearchSubject</c> (on-study), publishes both as
    /// the patient's records, signs the enrolment with the consent's SHA-256 and puts it on chain, and only then shares
    /// the consent, the subject and <paramref name="records"/> with the study's researcher for research (HRESCH).
    /// </summary>
    /// <param name="patient">The patient's signer.</param>
    /// <param name="study">The study (open).</param>
    /// <param name="records">Further records of the patient's to share (for example the ones that made the patient eligible).</param>
    /// <param name="shareUntil">When the research grants end (chain time).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The enrolment.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException">The study names no usable researcher key.</exception>
    /// <exception cref="InvalidOperationException">The studies or access grants address is not set.</exception>
    /// <exception cref="QuotaExceededException">The consent or subject does not fit in the patient's storage quota.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (<c>StudyNotOpen</c>, <c>AlreadyParticipating</c>) or is down.</exception>
    public virtual async Task<TrialEnrolment> EnrolAsync(
        MediBlocSigner patient, TrialStudy study, IEnumerable<Commitment> records, DateTimeOffset shareUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(records);
        var patientClient = _client.GetPatientClient(patient);
        var now = DateTimeOffset.UtcNow;
        var consent = TrialResources.BuildConsent(study, patient.Address, now);
        var consentJson = FhirJson.Serialize(consent);
        var consentDigest = SHA256.HashData(consentJson);
        var subject = TrialResources.BuildSubject(study, patient.Address, consentDigest.ToHex(true), ResearchSubject.ResearchSubjectStatus.OnStudy, now);
        var consentRecord = await patientClient.PublishAsync(consentJson, FhirContentTypes.ResourceJson, cancellationToken: cancellationToken).ConfigureAwait(false);
        var subjectRecord = await patientClient.PublishAsync(FhirJson.Serialize(subject), FhirContentTypes.ResourceJson, cancellationToken: cancellationToken).ConfigureAwait(false);
        var chain = await patientClient.Research.EnrolInStudyAsync(
            study.Published.Study.StudyId, consentDigest, [consentRecord.Commitment, subjectRecord.Commitment, .. records], shareUntil, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new TrialEnrolment(chain, consent, subject, consentRecord, subjectRecord);
    }

    /// <summary>
    /// Withdraws the patient: the signed withdrawal goes on chain (the enrolled count drops), the research grants to
    /// the researcher are revoked, and a <c>ResearchSubject</c> with status withdrawn is kept as the patient's own record.
    /// </summary>
    /// <param name="patient">The patient's signer.</param>
    /// <param name="study">The study.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The withdrawal.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The studies or access grants address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NotEnrolled</c>) or is down.</exception>
    public virtual async Task<TrialWithdrawal> WithdrawAsync(MediBlocSigner patient, TrialStudy study, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(study);
        var patientClient = _client.GetPatientClient(patient);
        var participation = await patientClient.Research.GetStudyParticipationAsync(study.Published.Study.StudyId, cancellationToken).ConfigureAwait(false);
        var chain = await patientClient.Research.WithdrawFromStudyAsync(study.Published.Study.StudyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var subject = TrialResources.BuildSubject(study, patient.Address, participation.ConsentDigest ?? string.Empty, ResearchSubject.ResearchSubjectStatus.Withdrawn, null, now);
        var record = await patientClient.PublishAsync(FhirJson.Serialize(subject), FhirContentTypes.ResourceJson, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new TrialWithdrawal(chain, subject, record);
    }
}
