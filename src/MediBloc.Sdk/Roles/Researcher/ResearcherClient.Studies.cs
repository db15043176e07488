using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Roles.Researcher;

public partial class ResearcherClient
{
    /// <summary>
    /// Posts a clinical study: wraps the FHIR <c>ResearchStudy</c> JSON (with its eligibility criteria; MediBloc.Sdk.Fhir
    /// builds it) and this researcher's public key into a <see cref="StudyDocument"/>, stores it content-addressed
    /// (public: it must hold no PHI), and registers its SHA-256 on chain. Patients' apps read it, evaluate eligibility
    /// on the device, and answer with anonymous interest (a count) or a signed enrolment.
    /// </summary>
    /// <param name="researchStudyJson">The study as FHIR R4 JSON.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The study's id and the document's CID.</returns>
    /// <exception cref="ArgumentException"><paramref name="researchStudyJson"/> is empty.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotCertified"/>: this account holds no live researcher credential (nothing was sent).</exception>
    /// <exception cref="InvalidOperationException">The credentials or studies address is not set, or the content store does not address small documents as CIDv1 raw (the default).</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NotResearcher</c> when the credential lapsed meanwhile) or is down.</exception>
    public virtual async Task<PostedStudy> PostStudyAsync(string researchStudyJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(researchStudyJson);
        return await ChainDiagnostics.TraceAsync("ResearcherClient.PostStudy", async activity =>
        {
            if (!await IsCertifiedAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new AccessDeniedException(
                    $"{Address} holds no live researcher credential; a credentials authority must certify it (role Researcher) before it can post studies.",
                    AccessDenialCodes.NotCertified);
            }
            var studies = await _client.GetStudiesAsync(_signer, "post a study").ConfigureAwait(false);
            var document = new StudyDocument { ResearchStudyJson = researchStudyJson, ResearcherPublicKey = _signer.PublicKey.ToCompressed().ToHex(true) }.ToBytes();
            var digest = SHA256.HashData(document);
            ContentId cid;
            using (var stream = new MemoryStream(document, writable: false))
            {
                cid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            if (cid != ResearchDocuments.CriteriaCid(digest))
            {
                throw new InvalidOperationException(
                    $"The content store addressed the study document as {cid}; studies need CIDv1 raw (the default of LocalContentStore and IpfsContentStore), so patients can find the document from its SHA-256 on chain.");
            }
            var posted = await studies.PostStudyAsync(digest, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MediBlocDiagnostics.Tags.Cid, cid.ToString());
            return posted;
        }).ConfigureAwait(false);
    }

    /// <summary>Closes one of this researcher's studies for good: no new interest or enrolments (enrolled patients may still withdraw).</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>UnknownStudy</c>, <c>StudyNotOpen</c>, <c>NotStudyResearcher</c>) or is down.</exception>
    public virtual async Task<TransactionResult> CloseStudyAsync(BigInteger studyId, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("ResearcherClient.CloseStudy", async _ =>
        {
            var studies = await _client.GetStudiesAsync(_signer, "close a study").ConfigureAwait(false);
            return await studies.CloseStudyAsync(studyId, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a study's state and counts: how many anonymous interests are live and how many patients are enrolled.
    /// Before a patient enrols the researcher learns nothing else: interests carry no address and no handle in events.
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The study, or <see langword="null"/> when no study has that id.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Study?> GetStudyAsync(BigInteger studyId, CancellationToken cancellationToken = default)
    {
        var studies = await _client.GetStudiesAsync(_signer, "read a study").ConfigureAwait(false);
        return await studies.GetStudyAsync(studyId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists the patients who enrolled in a study (enrolment is where a patient chooses to be known), each with the
    /// hash of the consent they signed and whether they are still enrolled. Their records come through the research
    /// grants they made to this researcher (purpose <c>HRESCH</c>).
    /// </summary>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The enrolments, oldest first.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StudiesAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<StudyEnrolment> ListStudyEnrolmentsAsync(BigInteger studyId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var studies = await _client.GetStudiesAsync(_signer, "list a study's enrolments").ConfigureAwait(false);
        await foreach (var enrolment in studies.GetEnrolmentsAsync(studyId, 0, cancellationToken).ConfigureAwait(false))
        {
            yield return enrolment;
        }
    }

    /// <summary>
    /// Opens a record an enrolled patient shared with this researcher for research: the grant must be in force for
    /// purpose <c>HRESCH</c> (it is revoked when the patient withdraws), and the read is logged on chain.
    /// </summary>
    /// <param name="cid">The envelope re-wrapped for this researcher (a <c>SharedWithMeRecord.Cid</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plaintext with its verified anchor.</returns>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotPermitted"/>: no live research grant (never granted, or revoked on withdrawal); <see cref="AccessDenialCodes.NotCertified"/>: no researcher credential.</exception>
    /// <exception cref="InvalidOperationException">The access grants or credentials address is not set.</exception>
    /// <exception cref="NotFoundException">The content store does not hold <paramref name="cid"/>.</exception>
    /// <exception cref="IntegrityException">The record failed a check.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read or the read could not be logged.</exception>
    public virtual Task<OpenedRecord> OpenSharedAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        new RecordOpener(_client, _signer).OpenAsync(cid, ResearchCodes.Purpose, cancellationToken);
}
