using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Fhir;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Researcher;

/// <summary>One of my studies: counts from the chain, and the subjects once patients enrol.</summary>
/// <param name="Study">The study.</param>
/// <param name="Interested">Patients who signalled interest (anonymously: counted, never named).</param>
/// <param name="Enrolled">Patients enrolled now.</param>
/// <param name="Subjects">Enrolled subjects: the patient's name on this device, the subject's status and how many records they shared.</param>
public sealed record MyStudy(TrialStudy Study, int Interested, int Enrolled, IReadOnlyList<string> Subjects);

/// <summary>Clinical-trial recruitment: post a study with eligibility criteria, see counts, then the enrolled subjects.</summary>
public sealed class StudiesModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Researcher;

    /// <summary>My open studies, newest first.</summary>
    public IReadOnlyList<MyStudy> Studies { get; private set; } = [];

    /// <summary>Lists my open studies with their counts and subjects.</summary>
    public async Task OnGetAsync()
    {
        await TryAsync(async () =>
        {
            var signer = new LocalKeySigner(Key);
            var trials = new ClinicalTrialClient(Node.Client);
            var mine = new List<MyStudy>();
            await foreach (var study in trials.ListOpenStudiesAsync(signer, HttpContext.RequestAborted))
            {
                if (study.Published.Study.Researcher != Key.Address)
                {
                    continue;
                }
                var counts = await Node.Client.GetResearcherClient(Key).GetStudyAsync(study.Published.Study.StudyId, HttpContext.RequestAborted);
                var subjects = new List<string>();
                await foreach (var subject in trials.ListSubjectsAsync(signer, study, HttpContext.RequestAborted))
                {
                    var status = subject.Subject?.Status is { } s ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(s) : "no subject record";
                    subjects.Add($"{NameOf(subject.Enrolment.Patient.ToString())}: {status}, {subject.Records.Count} shared record(s)");
                }
                mine.Add(new MyStudy(study, counts?.InterestedCount ?? 0, counts?.EnrolledCount ?? 0, subjects));
            }
            mine.Reverse();
            Studies = mine;
        });
    }

    /// <summary>Posts a study: a condition to have, an age range, optionally a lab value above a threshold and a condition that excludes.</summary>
    public IActionResult OnPostPost(
        string title, string description, string condition, int minAge, int maxAge, string? observation, decimal? above, string? unit, string? exclude)
    {
        List<EligibilityCriterion> criteria;
        try
        {
            criteria = [EligibilityCriterion.HasCondition(Code(EligibilityCode.Snomed, condition)), EligibilityCriterion.AgeBetween(minAge, maxAge)];
            if (!string.IsNullOrWhiteSpace(observation))
            {
                var range = above is { } value ? EligibilityRange.GreaterThan(value, string.IsNullOrWhiteSpace(unit) ? "%" : unit.Trim()) : null;
                criteria.Add(EligibilityCriterion.HasObservation(Code(EligibilityCode.Loinc, observation), range, EligibilityLookback.LastMonths(12)));
            }
            if (!string.IsNullOrWhiteSpace(exclude))
            {
                criteria.Add(EligibilityCriterion.HasCondition(Code(EligibilityCode.Snomed, exclude)).Excluding());
            }
        }
        catch (ArgumentException ex)
        {
            Notice = "The criteria cannot be used: " + ex.Message;
            return RedirectToPage();
        }
        var key = Key;
        var node = Node;
        return StartJob($"Posting the study \"{title}\"", async (job, ct) =>
        {
            job.Report("Writing the ResearchStudy with its eligibility criteria…", 10);
            var study = ResearchStudyEligibility.ToResearchStudy(title, description, criteria);
            job.Report("Storing the study document and posting it on chain…", 40);
            var posted = await new ClinicalTrialClient(node.Client).PostStudyAsync(new LocalKeySigner(key), study, ct);
            job.Report($"Posted study #{posted.StudyId}.", 100);
            return "/Researcher/Studies";
        });
    }

    private static EligibilityCode Code(string system, string code)
    {
        var trimmed = (code ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"\"{code}\" is not a code; enter a code such as 15777000 (SNOMED CT) or 4548-4 (LOINC).");
        }
        return new EligibilityCode(system, trimmed);
    }
}
