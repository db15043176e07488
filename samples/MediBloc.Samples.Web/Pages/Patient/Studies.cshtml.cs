using System.Globalization;
using System.Numerics;
using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Crypto;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>An open study as this device sees it: the evaluation of its criteria on my records, and where I stand.</summary>
/// <param name="Study">The study.</param>
/// <param name="Result">The evaluation (on this device; nothing is sent).</param>
/// <param name="Interest">Whether I signalled interest (anonymously).</param>
/// <param name="Participation">Whether I am enrolled or withdrew.</param>
public sealed record StudyInvitation(TrialStudy Study, EligibilityResult Result, StudyInterestStatus Interest, StudyParticipationStatus Participation);

/// <summary>Study invitations: open studies evaluated against my records on this device, with why; signal interest, enrol, withdraw.</summary>
public sealed class StudiesModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>Every open study, evaluated.</summary>
    public IReadOnlyList<StudyInvitation> Invitations { get; private set; } = [];

    /// <summary>Evaluates every open study on my records.</summary>
    public async Task OnGetAsync()
    {
        await TryAsync(async () =>
        {
            var signer = new LocalKeySigner(Key);
            var trials = new ClinicalTrialClient(Node.Client);
            var research = Node.Client.GetPatientClient(Key).Research;
            var now = await Node.ChainTimeAsync(HttpContext.RequestAborted);
            var invitations = new List<StudyInvitation>();
            await foreach (var study in trials.ListOpenStudiesAsync(signer, HttpContext.RequestAborted))
            {
                var id = study.Published.Study.StudyId;
                var result = await trials.EvaluateAsync(signer, study, now, HttpContext.RequestAborted);
                var interest = await research.GetStudyInterestAsync(id, HttpContext.RequestAborted);
                var participation = await research.GetStudyParticipationAsync(id, HttpContext.RequestAborted);
                invitations.Add(new StudyInvitation(study, result, interest, participation.Status));
            }
            Invitations = invitations;
        });
    }

    /// <summary>Signals interest anonymously: a key derived for this study alone signs, the relayer sends.</summary>
    public async Task<IActionResult> OnPostInterestAsync(string studyId)
    {
        if (await TryAsync(async () => await Node.Client.GetPatientClient(Key).Research.SignalStudyInterestAsync(Parse(studyId), cancellationToken: HttpContext.RequestAborted)))
        {
            Notice = $"Interest in study #{studyId} signalled: the researcher sees one more interested patient, not who.";
            return RedirectToPage();
        }
        await OnGetAsync();
        return Page();
    }

    /// <summary>Enrols: consent signed on chain, then the consent, the subject and the records the criteria name are shared for research for 90 days.</summary>
    public IActionResult OnPostEnrol(string studyId)
    {
        var id = Parse(studyId);
        var key = Key;
        var node = Node;
        return StartJob($"Enrolling in study #{studyId}", async (job, ct) =>
        {
            var signer = new LocalKeySigner(key);
            var trials = new ClinicalTrialClient(node.Client);
            var study = await trials.GetStudyAsync(signer, id, ct) ?? throw new ArgumentException($"Study #{studyId} is not open any more.");
            job.Report("Choosing the records the study's criteria name (opened on this device)…", 10);
            var records = await MatchingRecordsAsync(node, key, study, ct);
            job.Report($"Signing the consent on chain and sharing it, the subject and {records.Count} record(s) with the researcher…", 40);
            var until = (await node.ChainTimeAsync(ct)).AddDays(90);
            var enrolment = await trials.EnrolAsync(signer, study, records, until, ct);
            job.Report($"Enrolled; {enrolment.Chain.Shares.Count} research grant(s) for 90 days.", 100);
            return "/Patient/Studies";
        });
    }

    /// <summary>Withdraws: the research grants are revoked and a withdrawn ResearchSubject is kept in my records.</summary>
    public IActionResult OnPostWithdraw(string studyId)
    {
        var id = Parse(studyId);
        var key = Key;
        var node = Node;
        return StartJob($"Withdrawing from study #{studyId}", async (job, ct) =>
        {
            var signer = new LocalKeySigner(key);
            var trials = new ClinicalTrialClient(node.Client);
            var study = await trials.GetStudyAsync(signer, id, ct) ?? throw new ArgumentException($"Study #{studyId} is not open any more.");
            job.Report("Withdrawing on chain and revoking the research grants…", 30);
            var withdrawal = await trials.WithdrawAsync(signer, study, ct);
            job.Report($"Withdrew; {withdrawal.Chain.RevokedGrantIds.Count} grant(s) revoked.", 100);
            return "/Patient/Studies";
        });
    }

    private static async Task<List<Commitment>> MatchingRecordsAsync(PhrNode node, Secp256k1PrivateKey key, TrialStudy study, CancellationToken ct)
    {
        var wanted = study.Criteria.Where(c => !c.Exclude).SelectMany(c => c.Codes).Select(c => $"{c.System}|{c.Code}").ToHashSet(StringComparer.Ordinal);
        var reader = node.Client.GetProviderClient(key);
        var matching = new List<Commitment>();
        foreach (var record in await node.Client.GetPatientClient(key).ListMyRecordsAsync(ct))
        {
            if (record.ContentType != FhirContentTypes.ResourceJson || record.Author is not null)
            {
                continue;
            }
            var opened = await reader.OpenAsync(record.Cid, ct);
            if (FhirResourceReader.Read(opened.Content).Metadata.Codes.Any(c => wanted.Contains($"{c.System}|{c.Code}")))
            {
                matching.Add(record.Commitment);
            }
        }
        return matching;
    }

    private static BigInteger Parse(string studyId) =>
        BigInteger.TryParse(studyId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new ArgumentException("That is not a study number.");
}
