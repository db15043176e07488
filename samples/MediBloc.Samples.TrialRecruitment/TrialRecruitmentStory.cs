using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Testing;

namespace MediBloc.Samples.TrialRecruitment;

/// <summary>
/// The recruitment story on the embedded defaults (an in-process chain, a local content store, a relayer): a researcher
/// posts a study, three patients' devices evaluate it, two signal interest, one enrols and later withdraws.
/// </summary>
public static class TrialRecruitmentStory
{
    private static readonly EligibilityCode Prediabetes = new(EligibilityCode.Snomed, "15777000");
    private static readonly EligibilityCode HbA1c = new(EligibilityCode.Loinc, "4548-4");

    /// <summary>Runs the story, telling it on <paramref name="output"/>.</summary>
    /// <param name="output">Where the story is told.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was observed.</returns>
    public static async Task<TrialRecruitmentResult> RunAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var environment = await MediBlocTestEnvironment.StartAsync(new MediBlocTestEnvironmentOptions { UseRelayer = true }, cancellationToken);
        var client = environment.Client;
        await environment.CertifyAsync(environment.ResearcherKey, CredentialRole.Researcher, cancellationToken);
        var researcherSigner = new LocalKeySigner(environment.ResearcherKey);
        var now = environment.ChainTime;
        output.WriteLine("Started an in-process chain with the MediBloc contracts, a local content store and a relayer.");

        #region Snippet:TrialPostStudy
        var trials = new ClinicalTrialClient(client);
        ResearchStudy study = ResearchStudyEligibility.ToResearchStudy(
            "Prediabetes follow-up",
            "Adults aged 40 to 80 with prediabetes and a raised HbA1c.",
            [
                EligibilityCriterion.HasCondition(new EligibilityCode(EligibilityCode.Snomed, "15777000")),
                EligibilityCriterion.AgeBetween(40, 80),
                EligibilityCriterion.HasObservation(
                    new EligibilityCode(EligibilityCode.Loinc, "4548-4"),
                    EligibilityRange.GreaterThan(6.2m, "%"),
                    EligibilityLookback.LastMonths(12)),
                EligibilityCriterion.HasCondition(new EligibilityCode(EligibilityCode.Snomed, "44054006")).Excluding(),
            ]);
        var posted = await trials.PostStudyAsync(researcherSigner, study, cancellationToken);
        #endregion
        output.WriteLine($"Researcher {environment.ResearcherKey.Address} posted study {posted.StudyId} (document {posted.DocumentCid}).");

        var patients = new List<(string Name, Secp256k1PrivateKey Key, PublishedRecord A1c)>();
        foreach (var (name, birthDate, a1c) in new[] { ("Ana", "1958-04-02", 7.1m), ("Ben", "1966-11-20", 6.6m), ("Cho", "1972-01-15", 5.9m) })
        {
            var key = environment.CreateFundedKey();
            patients.Add((name, key, await PublishRecordsAsync(client, key, birthDate, a1c, now, cancellationToken)));
        }
        output.WriteLine("Three patients keep their records (Patient, Condition, HbA1c) sealed in their own record.");

        var eligible = new List<(string Name, Secp256k1PrivateKey Key, PublishedRecord A1c)>();
        foreach (var patient in patients)
        {
            var patientSigner = new LocalKeySigner(patient.Key);
            #region Snippet:TrialEvaluate
            // On the patient's device: the study comes from the chain and the content store, the records are opened
            // here, and the evaluation never leaves the device.
            await foreach (TrialStudy open in trials.ListOpenStudiesAsync(patientSigner, cancellationToken))
            {
                EligibilityResult result = await trials.EvaluateAsync(patientSigner, open, now, cancellationToken);
                foreach (CriterionOutcome outcome in result.Outcomes)
                {
                    output.WriteLine($"  {(outcome.Satisfied ? "met   " : "failed")} {outcome.Criterion}: {outcome.Reason}");
                }
                if (result.IsEligible)
                {
                    // Anonymous: a key derived for this study alone signs, the relayer sends; the chain counts.
                    await client.GetPatientClient(patient.Key).Research.SignalStudyInterestAsync(open.Published.Study.StudyId, cancellationToken: cancellationToken);
                }
            }
            #endregion
            if ((await client.GetPatientClient(patient.Key).Research.GetStudyInterestAsync(posted.StudyId, cancellationToken)) == Sdk.Contracts.Studies.StudyInterestStatus.Interested)
            {
                eligible.Add(patient);
            }
            output.WriteLine($"{patient.Name}'s device evaluated the study: {(eligible.Contains(patient) ? "eligible, interest signalled" : "not eligible, nothing sent")}.");
        }

        var researcher = client.GetResearcherClient(environment.ResearcherKey);
        #region Snippet:TrialCounts
        Sdk.Contracts.Studies.Study counts = (await researcher.GetStudyAsync(posted.StudyId, cancellationToken))!;
        // Counts only: no address, no handle in any event until a patient enrols.
        output.WriteLine($"{counts.InterestedCount} interested, {counts.EnrolledCount} enrolled");
        #endregion
        var listedBefore = await CountAsync(researcher.ListStudyEnrolmentsAsync(posted.StudyId, cancellationToken));
        output.WriteLine($"The researcher reads {counts.InterestedCount} interested, {counts.EnrolledCount} enrolled, and {listedBefore} named patients.");

        var ana = eligible[0];
        var trial = (await trials.GetStudyAsync(new LocalKeySigner(ana.Key), posted.StudyId, cancellationToken))!;
        #region Snippet:TrialEnrol
        // The consent's SHA-256 is signed on chain first; then the Consent, the ResearchSubject and the chosen records
        // are shared with the researcher for research (HRESCH), one grant each, for 90 days.
        TrialEnrolment enrolment = await trials.EnrolAsync(
            new LocalKeySigner(ana.Key), trial, [ana.A1c.Commitment], now.AddDays(90), cancellationToken);
        #endregion
        output.WriteLine($"{ana.Name} enrolled: consent {enrolment.Chain.ConsentDigest} on chain, {enrolment.Chain.Shares.Count} records shared for research.");
        var enrolled = (await researcher.GetStudyAsync(posted.StudyId, cancellationToken))!.EnrolledCount;

        var read = 0;
        var subjectStatus = "none";
        #region Snippet:TrialResearcherReads
        await foreach (TrialSubject subject in trials.ListSubjectsAsync(researcherSigner, trial, cancellationToken))
        {
            output.WriteLine($"  {subject.Enrolment.Patient}: {subject.Subject?.Status}, {subject.Records.Count} shared records");
            foreach (var shared in subject.Records)
            {
                OpenedRecord opened = await researcher.OpenSharedAsync(shared.Cid, cancellationToken);
                output.WriteLine($"    opened {opened.ContentType}, {opened.Content.Length} bytes");
                read++;
            }
            subjectStatus = subject.Subject?.Status is { } status ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(status) ?? "none" : "none";
        }
        #endregion
        output.WriteLine($"The researcher now knows {ana.Name}'s address, read the ResearchSubject ({subjectStatus}) and opened {read} shared records.");

        #region Snippet:TrialWithdraw
        TrialWithdrawal withdrawal = await trials.WithdrawAsync(new LocalKeySigner(ana.Key), trial, cancellationToken);
        #endregion
        output.WriteLine($"{ana.Name} withdrew: {withdrawal.Chain.RevokedGrantIds.Count} grants revoked, ResearchSubject {withdrawal.Subject.Status}.");
        var after = (await researcher.GetStudyAsync(posted.StudyId, cancellationToken))!.EnrolledCount;
        bool refused;
        try
        {
            await researcher.OpenSharedAsync(enrolment.Chain.Shares[^1].Records[0].Cid, cancellationToken);
            refused = false;
        }
        catch (AccessDeniedException)
        {
            refused = true;
        }
        output.WriteLine($"The researcher reads {after} enrolled; opening {ana.Name}'s HbA1c again is {(refused ? "refused" : "still allowed")}.");

        return new TrialRecruitmentResult(
            posted.StudyId.ToString(CultureInfo.InvariantCulture), eligible.Count, counts.InterestedCount, listedBefore, enrolled, subjectStatus, read, after, refused);
    }

    private static async Task<PublishedRecord> PublishRecordsAsync(
        MediBlocClient client, Secp256k1PrivateKey key, string birthDate, decimal a1c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var patient = client.GetPatientClient(key);
        byte[] Json(string json) => Encoding.UTF8.GetBytes(json);
        await patient.PublishAsync(Json($$"""{"resourceType":"Patient","gender":"unknown","birthDate":"{{birthDate}}"}"""), FhirContentTypes.ResourceJson, cancellationToken: cancellationToken);
        await patient.PublishAsync(Json($$"""{"resourceType":"Condition","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"{{Prediabetes.System}}","code":"{{Prediabetes.Code}}"}]},"subject":{"reference":"Patient/self"},"onsetDateTime":"2019-03-01"}"""), FhirContentTypes.ResourceJson, cancellationToken: cancellationToken);
        var when = now.AddMonths(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var value = a1c.ToString(CultureInfo.InvariantCulture);
        return await patient.PublishAsync(Json($$$"""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"{{{HbA1c.System}}}","code":"{{{HbA1c.Code}}}"}]},"subject":{"reference":"Patient/self"},"effectiveDateTime":"{{{when}}}","valueQuantity":{"value":{{{value}}},"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}"""), FhirContentTypes.ResourceJson, cancellationToken: cancellationToken);
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        var n = 0;
        await foreach (var _ in items)
        {
            n++;
        }
        return n;
    }
}
