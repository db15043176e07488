using System.Numerics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientResearchClient
{
    /// <summary>The largest study document the SDK fetches (1 MiB).</summary>
    public const int MaxStudyDocumentBytes = 1024 * 1024;

    /// <summary>
    /// Lists the open studies with their documents, read from the chain and the content store. Nothing is sent and
    /// nothing about the patient is revealed: evaluate eligibility on the device (MediBloc.Sdk.Fhir's
    /// <c>EligibilityEvaluator</c>) and answer with <see cref="SignalStudyInterestAsync"/> or <see cref="EnrolInStudyAsync"/>.
    /// A study whose document is missing, too large, altered or malformed is skipped.
    /// </summary>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The open studies, oldest first.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<PublishedStudy> ListOpenStudiesAsync(long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var studies = await _client.GetStudiesAsync(_signer, "list studies").ConfigureAwait(false);
        await foreach (var id in studies.GetPostedStudyIdsAsync(fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var study = await studies.GetStudyAsync(id, cancellationToken).ConfigureAwait(false);
            if (study is not { Status: StudyStatus.Open })
            {
                continue;
            }
            PublishedStudy? published;
            try
            {
                published = await ReadStudyAsync(study, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NotFoundException or IntegrityException or InvalidFormatException || (e is StorageException s && s.Code == MediBlocErrorCode.TooLarge))
            {
                published = null;
            }
            if (published is not null)
            {
                yield return published;
            }
        }
    }

    /// <summary>Reads one study with its document (checked against the SHA-256 on chain).</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The study, or <see langword="null"/> when no study has that id.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="NotFoundException">The content store does not hold the document.</exception>
    /// <exception cref="IntegrityException">The stored bytes do not match the hash on chain.</exception>
    /// <exception cref="InvalidFormatException">The document is not a study document.</exception>
    /// <exception cref="StorageException">The content store failed, or the document is larger than <see cref="MaxStudyDocumentBytes"/>.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<PublishedStudy?> GetStudyAsync(BigInteger studyId, CancellationToken cancellationToken = default)
    {
        var studies = await _client.GetStudiesAsync(_signer, "read a study").ConfigureAwait(false);
        var study = await studies.GetStudyAsync(studyId, cancellationToken).ConfigureAwait(false);
        return study is null ? null : await ReadStudyAsync(study, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Says, anonymously, that this patient is interested in a study: a key derived for this study alone signs the
    /// interest and the relayer submits it, so the chain (and the researcher) sees one more in a count, with no
    /// address, no index entry and nothing linking it to the patient's other studies. Call it after the patient's app
    /// found the patient eligible; the SDK cannot check that (it never sees the evaluation).
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="submitter">Who sends the transaction; <see langword="null"/> for <see cref="MediBlocClientOptions.RelayerKey"/> when set, otherwise the patient (whose address the transaction then shows: use a relayer).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="AccessDeniedException">Code <see cref="MediBlocErrorCode.KeyAgreementUnavailable"/>: the patient's signer does not expose the key the interest key is derived from.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>UnknownStudy</c>, <c>StudyNotOpen</c>, <c>InterestExists</c>) or is down.</exception>
    public virtual async Task<TransactionResult> SignalStudyInterestAsync(BigInteger studyId, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.SignalStudyInterest", async _ =>
        {
            var studies = await _client.GetStudiesAsync(_client.Submitter(submitter, _signer), "signal interest in a study").ConfigureAwait(false);
            using var key = StudyInterestKey.Derive(_signer.OpeningKey(), studies.ContractAddress, studyId);
            return await studies.SignalInterestAsync(studyId, key, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Takes back this patient's anonymous interest in a study (final: the count drops by one).</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="submitter">Who sends the transaction; <see langword="null"/> for the configured relayer, else the patient.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="AccessDeniedException">Code <see cref="MediBlocErrorCode.KeyAgreementUnavailable"/>: the signer does not expose its key.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>UnknownStudy</c>, <c>NoInterest</c>) or is down.</exception>
    public virtual async Task<TransactionResult> WithdrawStudyInterestAsync(BigInteger studyId, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.WithdrawStudyInterest", async _ =>
        {
            var studies = await _client.GetStudiesAsync(_client.Submitter(submitter, _signer), "withdraw interest in a study").ConfigureAwait(false);
            using var key = StudyInterestKey.Derive(_signer.OpeningKey(), studies.ContractAddress, studyId);
            return await studies.WithdrawInterestAsync(studyId, key, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Whether this patient's anonymous interest in a study is live, taken back, or was never signalled.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The interest's state.</returns>
    /// <exception cref="AccessDeniedException">Code <see cref="MediBlocErrorCode.KeyAgreementUnavailable"/>: the signer does not expose its key.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<StudyInterestStatus> GetStudyInterestAsync(BigInteger studyId, CancellationToken cancellationToken = default)
    {
        var studies = await _client.GetStudiesAsync(_signer, "read a study interest").ConfigureAwait(false);
        using var key = StudyInterestKey.Derive(_signer.OpeningKey(), studies.ContractAddress, studyId);
        return await studies.GetInterestAsync(studyId, StudiesClient.ComputeHandle(key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enrols this patient in an open study: the patient signs the enrolment (bound to this study, the consent's
    /// SHA-256 and the patient's nonce) and it goes on chain; only then are <paramref name="records"/> (typically the
    /// consent, the <c>ResearchSubject</c> and the records the study needs, published beforehand) shared with the
    /// study's researcher, one grant per record, for research (<c>HRESCH</c>) until <paramref name="shareUntil"/>.
    /// From the enrolment on, the researcher knows who the patient is.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="consentDigest">SHA-256 of the consent document the patient agreed to (32 bytes).</param>
    /// <param name="records">The patient's records to share with the researcher.</param>
    /// <param name="shareUntil">When the research grants end (chain time, in the future).</param>
    /// <param name="submitter">Who sends the enrolment; <see langword="null"/> for the configured relayer, else the patient.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The enrolment and the grants.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="consentDigest"/> is not 32 bytes.</exception>
    /// <exception cref="NotFoundException">No study has that id.</exception>
    /// <exception cref="InvalidFormatException">The study document names no usable researcher key.</exception>
    /// <exception cref="InvalidOperationException">The studies or access grants address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (<c>StudyNotOpen</c>, <c>AlreadyParticipating</c>, <c>NotPatient</c>) or is down.</exception>
    public virtual async Task<StudyEnrolmentResult> EnrolInStudyAsync(
        BigInteger studyId, ReadOnlyMemory<byte> consentDigest, IEnumerable<Commitment> records, DateTimeOffset shareUntil,
        Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var consent = AbiValues.Bytes32(consentDigest.Span, nameof(consentDigest));
        var toShare = records.ToList();
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.EnrolInStudy", async activity =>
        {
            var published = await GetStudyAsync(studyId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No study has id {studyId}.");
            var researcherKey = ResearcherKey(published);
            var studies = await _client.GetStudiesAsync(_signer, "enrol in a study").ConfigureAwait(false);
            var signature = await studies.SignEnrolmentAsync(studyId, _signer, consent, cancellationToken).ConfigureAwait(false);
            var submitting = await _client.GetStudiesAsync(_client.Submitter(submitter, _signer), "enrol in a study").ConfigureAwait(false);
            var enrolled = await submitting.EnrolAsync(studyId, Address, consent, signature, cancellationToken).ConfigureAwait(false);
            // Shared only after the enrolment is on chain: a grant names the researcher, so an earlier one would tell
            // the researcher who the patient is before the patient enrolled.
            var shares = new List<ShareResult>();
            foreach (var commitment in toShare)
            {
                shares.Add(await _patient.ShareAsync(researcherKey, AccessScope.ForRecord(Address, commitment), ResearchCodes.Purpose, shareUntil, cancellationToken).ConfigureAwait(false));
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, shares.Count);
            return new StudyEnrolmentResult(studyId, enrolled, consent.ToHex(true), shares);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Withdraws this patient from a study: the signed withdrawal goes on chain (the enrolled count drops), then every
    /// research grant (<c>HRESCH</c>) still in force to the study's researcher is revoked, so the researcher's reads
    /// are refused from the next block. What the researcher already read stays with the researcher.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="submitter">Who sends the withdrawal; <see langword="null"/> for the configured relayer, else the patient.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The withdrawal and the revoked grants.</returns>
    /// <exception cref="NotFoundException">No study has that id.</exception>
    /// <exception cref="InvalidOperationException">The studies or access grants address is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NotEnrolled</c>) or is down.</exception>
    public virtual async Task<StudyWithdrawalResult> WithdrawFromStudyAsync(BigInteger studyId, Secp256k1PrivateKey? submitter = null, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientResearchClient.WithdrawFromStudy", async activity =>
        {
            var studies = await _client.GetStudiesAsync(_signer, "withdraw from a study").ConfigureAwait(false);
            var study = await studies.GetStudyAsync(studyId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No study has id {studyId}.");
            var signature = await studies.SignWithdrawalAsync(studyId, _signer, cancellationToken).ConfigureAwait(false);
            var submitting = await _client.GetStudiesAsync(_client.Submitter(submitter, _signer), "withdraw from a study").ConfigureAwait(false);
            var withdrawn = await submitting.WithdrawAsync(studyId, Address, signature, cancellationToken).ConfigureAwait(false);

            var grants = await _client.GetAccessGrantsAsync(_signer, "withdraw from a study").ConfigureAwait(false);
            var purposeId = AccessGrantsClient.ComputePurposeId(ResearchCodes.Purpose);
            var revoked = new List<string>();
            await foreach (var grant in grants.GetGrantEventsAsync(owner: Address, grantee: study.Researcher, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!string.Equals(grant.PurposeId, purposeId, StringComparison.OrdinalIgnoreCase) || revoked.Contains(grant.GrantId))
                {
                    continue;
                }
                var status = await grants.GetGrantAsync(grant.GrantId, cancellationToken).ConfigureAwait(false);
                if (status is { Revoked: false, Voided: false } && status.Owner == Address)
                {
                    await grants.RevokeGrantAsync(grant.GrantId, cancellationToken).ConfigureAwait(false);
                    revoked.Add(grant.GrantId);
                }
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, revoked.Count);
            return new StudyWithdrawalResult(studyId, withdrawn, revoked);
        }).ConfigureAwait(false);
    }

    /// <summary>This patient's participation in a study (none, enrolled, withdrawn).</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The participation.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<StudyParticipation> GetStudyParticipationAsync(BigInteger studyId, CancellationToken cancellationToken = default)
    {
        var studies = await _client.GetStudiesAsync(_signer, "read a study participation").ConfigureAwait(false);
        return await studies.GetParticipationAsync(studyId, Address, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PublishedStudy> ReadStudyAsync(Study study, CancellationToken cancellationToken)
    {
        var cid = ResearchDocuments.CriteriaCid(study.DocumentDigest.HexToByteArray());
        var bytes = await _client.ContentStore.ReadVerifiedAsync(cid, MaxStudyDocumentBytes, "PatientResearchClient.MaxStudyDocumentBytes", cancellationToken).ConfigureAwait(false);
        var document = StudyDocument.TryParse(bytes)
            ?? throw new InvalidFormatException($"The document of study {study.StudyId} ({cid}) is not a study document.");
        return new PublishedStudy(study, document, cid.ToString());
    }

    private static Secp256k1PublicKey ResearcherKey(PublishedStudy published)
    {
        Secp256k1PublicKey key;
        try
        {
            key = Secp256k1PublicKey.Import(published.Document.ResearcherPublicKey?.HexToByteArray() ?? []);
        }
        catch (Exception e) when (e is InvalidFormatException or FormatException)
        {
            throw new InvalidFormatException($"Study {published.Study.StudyId} names no usable researcher key.", e);
        }
        if (key.Address != published.Study.Researcher)
        {
            throw new InvalidFormatException($"The key in study {published.Study.StudyId}'s document is not its researcher's ({published.Study.Researcher}).");
        }
        return key;
    }
}
