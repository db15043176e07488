using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Research;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.IntegrationTests.Research;

/// <summary>
/// Clinical-trial recruitment on both backends: a researcher posts a FHIR study; patients evaluate eligibility on
/// their own records and signal anonymous interest through a relayer (the researcher reads counts only); one enrols
/// (a signed consent on chain, then the ResearchSubject and records shared for research); the researcher reads them;
/// the patient withdraws (grants revoked, reads refused, counts down).
/// </summary>
public abstract class TrialRecruitmentTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private static readonly EligibilityCode Prediabetes = new(EligibilityCode.Snomed, "15777000");
    private static readonly EligibilityCode HbA1c = new(EligibilityCode.Loinc, "4548-4");
    private Secp256k1PrivateKey _relayer = null!;

    protected override async System.Threading.Tasks.Task SetUpAsync() => _relayer = await FundedKeyAsync();

    /// <summary>Interest signals, enrolments and withdrawals go through the relayer.</summary>
    protected override MediBlocClient CreateClient() => NewClient(options => options.RelayerKey = _relayer);

    private static EligibilityCriterion[] Criteria() =>
    [
        EligibilityCriterion.HasCondition(Prediabetes),
        EligibilityCriterion.HasObservation(HbA1c, EligibilityRange.GreaterThan(6.2m, "%"), EligibilityLookback.LastMonths(12)),
    ];

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A patient with a birth record, prediabetes and an HbA1c of <paramref name="a1c"/> % a month before <paramref name="now"/>.</summary>
    private async Task<(Secp256k1PrivateKey Key, Sdk.Records.PublishedRecord A1c)> PatientAsync(decimal a1c, DateTimeOffset now)
    {
        var key = await FundedKeyAsync();
        var patient = Client.GetPatientClient(key);
        await patient.PublishAsync(Json("""{"resourceType":"Patient","gender":"female","birthDate":"1960-05-01"}"""), FhirContentTypes.ResourceJson);
        await patient.PublishAsync(Json("""{"resourceType":"Condition","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"15777000"}]},"subject":{"reference":"Patient/p"},"onsetDateTime":"2015-01-01"}"""), FhirContentTypes.ResourceJson);
        var when = now.AddMonths(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var value = a1c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var record = await patient.PublishAsync(Json($$$"""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},"subject":{"reference":"Patient/p"},"effectiveDateTime":"{{{when}}}","valueQuantity":{"value":{{{value}}},"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}"""), FhirContentTypes.ResourceJson);
        return (key, record);
    }

    private async Task<(Secp256k1PrivateKey Key, TrialStudy Study)> PostStudyAsync()
    {
        var researcherKey = Own(await ResearchKit.ResearcherAsync(Chain, Deployment));
        var trials = new ClinicalTrialClient(Client);
        var study = ResearchStudyEligibility.ToResearchStudy("Prediabetes follow-up", "Adults with prediabetes and a raised HbA1c.", Criteria());
        var posted = await trials.PostStudyAsync(new LocalKeySigner(researcherKey), study);
        var read = await trials.GetStudyAsync(new LocalKeySigner(researcherKey), posted.StudyId);
        return (researcherKey, read!);
    }

    [Fact]
    public async System.Threading.Tasks.Task Three_patients_two_eligible_counts_only_until_one_enrols_then_the_researcher_reads_and_the_withdrawal_revokes()
    {
        var (researcherKey, study) = await PostStudyAsync();
        var studyId = study.Published.Study.StudyId;
        var researcher = Client.GetResearcherClient(researcherKey);
        var trials = new ClinicalTrialClient(Client);
        var now = await Chain.ChainTimeAsync();
        var alice = await PatientAsync(7.4m, now);
        var bob = await PatientAsync(6.9m, now);
        var carol = await PatientAsync(5.8m, now);

        // On each device: the study is found among the open ones and evaluated against the patient's own records.
        Assert.Contains(await trials.ListOpenStudiesAsync(new LocalKeySigner(alice.Key)).ToListAsync(), s => s.Published.Study.StudyId == studyId);
        var results = new List<EligibilityResult>();
        foreach (var key in new[] { alice.Key, bob.Key, carol.Key })
        {
            results.Add(await trials.EvaluateAsync(new LocalKeySigner(key), study, now));
        }
        Assert.Equal([true, true, false], results.Select(r => r.IsEligible));
        Assert.Equal([1], results[2].Outcomes.Select((o, i) => (o, i)).Where(x => !x.o.Satisfied).Select(x => x.i));

        // The eligible ones signal interest anonymously; the researcher reads a count and nothing else.
        await Client.GetPatientClient(alice.Key).Research.SignalStudyInterestAsync(studyId);
        await Client.GetPatientClient(bob.Key).Research.SignalStudyInterestAsync(studyId);
        Assert.Equal((2, 0), await CountsAsync(researcher, studyId));
        Assert.Empty(await researcher.ListStudyEnrolmentsAsync(studyId).ToListAsync());
        Assert.Equal(StudyInterestStatus.Interested, await Client.GetPatientClient(alice.Key).Research.GetStudyInterestAsync(studyId));
        Assert.Equal(StudyInterestStatus.None, await Client.GetPatientClient(carol.Key).Research.GetStudyInterestAsync(studyId));

        // Alice enrols: consent on chain first, then the ResearchSubject, the consent and her HbA1c are shared.
        var enrolment = await trials.EnrolAsync(new LocalKeySigner(alice.Key), study, [alice.A1c.Commitment], now.AddDays(90));
        Assert.Equal(3, enrolment.Chain.Shares.Count);
        // The digest on chain is the SHA-256 of the consent exactly as stored in Alice's record.
        var storedConsent = await Client.GetProviderClient(alice.Key).OpenAsync(enrolment.ConsentRecord.Cid);
        Assert.Equal("0x" + Convert.ToHexString(SHA256.HashData(storedConsent.Content.Span)).ToLowerInvariant(), enrolment.Chain.ConsentDigest);
        Assert.Equal(enrolment.Chain.ConsentDigest, (await Client.GetPatientClient(alice.Key).Research.GetStudyParticipationAsync(studyId)).ConsentDigest);
        Assert.Equal((2, 1), await CountsAsync(researcher, studyId));

        var subjects = await trials.ListSubjectsAsync(new LocalKeySigner(researcherKey), study).ToListAsync();
        var subject = Assert.Single(subjects);
        Assert.Equal(alice.Key.Address, subject.Enrolment.Patient);
        Assert.Equal(StudyParticipationStatus.Enrolled, subject.Enrolment.Status);
        Assert.Equal(ResearchSubject.ResearchSubjectStatus.OnStudy, subject.Subject!.Status);
        Assert.Equal(enrolment.Chain.ConsentDigest, subject.Subject.Consent!.Identifier!.Value);
        Assert.Equal(3, subject.Records.Count);
        var a1cShared = subject.Records.Single(r => r.Commitment == alice.A1c.Commitment);
        var opened = await researcher.OpenSharedAsync(a1cShared.Cid);
        Assert.Contains("4548-4", Encoding.UTF8.GetString(opened.Content.Span), StringComparison.Ordinal);

        // Alice withdraws: the count drops, the grants are revoked, the researcher's reads are refused.
        var withdrawal = await trials.WithdrawAsync(new LocalKeySigner(alice.Key), study);
        Assert.Equal(3, withdrawal.Chain.RevokedGrantIds.Count);
        Assert.Equal(ResearchSubject.ResearchSubjectStatus.Withdrawn, withdrawal.Subject.Status);
        Assert.Equal((2, 0), await CountsAsync(researcher, studyId));
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => researcher.OpenSharedAsync(a1cShared.Cid));
        Assert.Equal(AccessDenialCodes.NotPermitted, denied.Code);
        var after = Assert.Single(await trials.ListSubjectsAsync(new LocalKeySigner(researcherKey), study).ToListAsync());
        Assert.Equal(StudyParticipationStatus.Withdrawn, after.Enrolment.Status);
        Assert.Null(after.Subject);
        Assert.Empty(after.Records);

        // Bob takes his interest back: the count follows.
        await Client.GetPatientClient(bob.Key).Research.WithdrawStudyInterestAsync(studyId);
        Assert.Equal((1, 0), await CountsAsync(researcher, studyId));
    }

    [Fact]
    public async System.Threading.Tasks.Task Before_enrolment_no_event_log_or_transaction_of_the_study_names_the_interested_patient()
    {
        var (researcherKey, study) = await PostStudyAsync();
        var studyId = study.Published.Study.StudyId;
        var patientKey = await FundedKeyAsync();
        var fromBlock = await ResearchKit.NextBlockAsync(Chain) - 1;

        var signal = await Client.GetPatientClient(patientKey).Research.SignalStudyInterestAsync(studyId);

        var patientHex = patientKey.Address.ToString()[2..].ToLowerInvariant();
        var web3 = Chain.Web3(0);
        var logs = await web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            Address = [Deployment.StudiesAddress!.Value.ToString()],
            FromBlock = new BlockParameter((ulong)fromBlock),
            ToBlock = BlockParameter.CreateLatest(),
        });
        Assert.NotEmpty(logs);
        Assert.All(logs, log =>
        {
            Assert.DoesNotContain(patientHex, log.Data, StringComparison.OrdinalIgnoreCase);
            Assert.All(log.Topics, t => Assert.DoesNotContain(patientHex, t.ToString()!, StringComparison.OrdinalIgnoreCase));
        });
        // The transaction came from the relayer and its calldata holds the study-only handle, not the patient.
        var tx = await web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(signal.TransactionHash);
        Assert.Equal(_relayer.Address, EvmAddress.Parse(tx.From));
        Assert.DoesNotContain(patientHex, tx.Input, StringComparison.OrdinalIgnoreCase);
        // The researcher's whole view: a count, and no enrolment.
        var researcher = Client.GetResearcherClient(researcherKey);
        Assert.Equal((1, 0), await CountsAsync(researcher, studyId));
        Assert.Empty(await researcher.ListStudyEnrolmentsAsync(studyId).ToListAsync());
        // A second signal by the same patient is refused: one patient, one count per study.
        var again = await Assert.ThrowsAsync<ChainException>(() => Client.GetPatientClient(patientKey).Research.SignalStudyInterestAsync(studyId));
        Assert.Equal("InterestExists", again.RevertError);
    }

    private static async Task<(int Interested, int Enrolled)> CountsAsync(Sdk.Roles.Researcher.ResearcherClient researcher, System.Numerics.BigInteger studyId)
    {
        var study = (await researcher.GetStudyAsync(studyId))!;
        return (study.InterestedCount, study.EnrolledCount);
    }
}

/// <summary>The trial recruitment tests with anvil as the chain.</summary>
public sealed class TrialRecruitmentOnAnvilTests(DevnetFixture fixture) : TrialRecruitmentTests(fixture, ChainBackend.Anvil);

/// <summary>The trial recruitment tests with the in-process embedded chain as the chain.</summary>
public sealed class TrialRecruitmentOnEmbeddedChainTests(DevnetFixture fixture) : TrialRecruitmentTests(fixture, ChainBackend.Embedded);
