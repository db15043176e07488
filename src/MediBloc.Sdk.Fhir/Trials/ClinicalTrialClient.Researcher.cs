using System.Numerics;
using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Sdk.Fhir;

public partial class ClinicalTrialClient
{
    /// <summary>
    /// Posts a <c>ResearchStudy</c> (built with <see cref="ResearchStudyEligibility.ToResearchStudy"/>) as the researcher:
    /// its criteria are read back first, so a study patients' apps could not evaluate is refused before anything is sent.
    /// </summary>
    /// <param name="researcher">The certified researcher's signer.</param>
    /// <param name="study">The study; it is public, so it must hold no PHI.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The study's id and document CID.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="FhirFormatException">The study's criteria are outside the supported subset.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="Contracts.AccessGrants.AccessDenialCodes.NotCertified"/>: no live researcher credential (nothing was sent).</exception>
    /// <exception cref="InvalidOperationException">The credentials or studies address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused or is down.</exception>
    public virtual async Task<PostedStudy> PostStudyAsync(MediBlocSigner researcher, ResearchStudy study, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(researcher);
        ArgumentNullException.ThrowIfNull(study);
        _ = ResearchStudyEligibility.ReadCriteria(study);
        return await _client.GetResearcherClient(researcher).PostStudyAsync(ResearchStudyEligibility.ToJson(study), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists a study's enrolled (and withdrawn) patients as the researcher: each enrolment on chain, the
    /// <c>ResearchSubject</c> the patient shared for this study, and the records shared for research under grants
    /// still in force. After a withdrawal the grants are revoked: the subject and records are gone from the list.
    /// </summary>
    /// <param name="researcher">The study's researcher's signer.</param>
    /// <param name="study">The study.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>One entry per enrolment, oldest first.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AccessDeniedException">A shared record could not be opened (for example the researcher's credential lapsed).</exception>
    /// <exception cref="IntegrityException">A shared record failed a check.</exception>
    /// <exception cref="InvalidOperationException">The studies or access grants address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async IAsyncEnumerable<TrialSubject> ListSubjectsAsync(MediBlocSigner researcher, TrialStudy study, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(researcher);
        ArgumentNullException.ThrowIfNull(study);
        var researcherClient = _client.GetResearcherClient(researcher);
        List<SharedWithMeRecord>? shared = null;
        await foreach (var enrolment in researcherClient.ListStudyEnrolmentsAsync(study.Published.Study.StudyId, cancellationToken).ConfigureAwait(false))
        {
            shared ??= await SharedForResearchAsync(researcher, cancellationToken).ConfigureAwait(false);
            var records = shared.Where(r => r.Owner == enrolment.Patient).ToList();
            ResearchSubject? subject = null;
            foreach (var record in records)
            {
                var opened = await researcherClient.OpenSharedAsync(record.Cid, cancellationToken).ConfigureAwait(false);
                if (TryParse(opened.Content) is ResearchSubject candidate && TrialResources.IsFor(candidate, study)
                    && candidate.Consent?.Identifier?.Value == enrolment.ConsentDigest)
                {
                    subject = candidate;
                }
            }
            yield return new TrialSubject(enrolment, subject, records);
        }
    }

    private async Task<List<SharedWithMeRecord>> SharedForResearchAsync(MediBlocSigner researcher, CancellationToken cancellationToken)
    {
        var list = new List<SharedWithMeRecord>();
        await foreach (var record in _client.GetProviderClient(researcher).ListSharedWithMeAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record.Purpose == ResearchCodes.Purpose)
            {
                list.Add(record);
            }
        }
        return list;
    }

    private static Resource? TryParse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return FhirJson.Parse(json, out _);
        }
        catch (FhirFormatException)
        {
            return null;
        }
    }
}
