using System.Numerics;
using System.Security.Cryptography;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;

namespace MediBloc.IntegrationTests.Research;

/// <summary>
/// Attacks on the studies contract, each by an adversary with its own funded key, on both backends: a stranger posts
/// a study, enrols a patient without the patient's signature, replays a patient's enrolment into another study, or
/// withdraws a patient; a patient enrols into a closed study.
/// </summary>
public abstract class TrialRecruitmentAttackTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private static readonly byte[] Consent = SHA256.HashData("consent"u8);

    private StudiesClient Studies(Adversary adversary) => new(adversary.Connect(WorkflowKit.FastOptions()), Deployment.StudiesAddress!.Value);

    private StudiesClient Studies(Secp256k1PrivateKey key) => new(Connect(key), Deployment.StudiesAddress!.Value);

    private async Task<(Secp256k1PrivateKey Researcher, BigInteger StudyId)> StudyAsync()
    {
        var researcher = Own(await ResearchKit.ResearcherAsync(Chain, Deployment));
        var posted = await Client.GetResearcherClient(researcher).PostStudyAsync("""{"resourceType":"ResearchStudy","status":"active"}""");
        return (researcher, posted.StudyId);
    }

    [Fact]
    public async Task A_stranger_cannot_post_a_study_through_the_SDK_or_the_contract()
    {
        var stranger = await Adversary.CreateAsync(Chain);

        var sdk = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Client.GetResearcherClient(Secp256k1PrivateKey.FromHex(stranger.PrivateKey)).PostStudyAsync("""{"resourceType":"ResearchStudy","status":"active"}"""));
        Assert.Equal(AccessDenialCodes.NotCertified, sdk.Code);
        var direct = await Assert.ThrowsAsync<ChainException>(() => Studies(stranger).PostStudyAsync(SHA256.HashData("doc"u8)));
        Assert.Equal("NotResearcher", direct.RevertError);
    }

    [Fact]
    public async Task A_researcher_whose_credential_was_revoked_cannot_post()
    {
        var researcher = Own(await ResearchKit.ResearcherAsync(Chain, Deployment));
        await ResearchKit.RevokeResearcherAsync(Chain, Deployment, researcher.Address);

        var refused = await Assert.ThrowsAsync<ChainException>(() => Studies(researcher).PostStudyAsync(SHA256.HashData("doc"u8)));
        Assert.Equal("NotResearcher", refused.RevertError);
    }

    [Fact]
    public async Task A_stranger_cannot_enrol_a_patient_without_the_patients_signature()
    {
        var (_, studyId) = await StudyAsync();
        var patient = await FundedKeyAsync();
        var stranger = await Adversary.CreateAsync(Chain);
        var studies = Studies(stranger);

        // Signed by the stranger's own key, naming the patient.
        var forged = await studies.SignEnrolmentAsync(studyId, new LocalKeySigner(Secp256k1PrivateKey.FromHex(stranger.PrivateKey)), Consent);
        var refused = await Assert.ThrowsAsync<ChainException>(() => studies.EnrolAsync(studyId, patient.Address, Consent, forged));
        Assert.Equal("NotPatient", refused.RevertError);
        var garbage = await Assert.ThrowsAsync<ChainException>(() => studies.EnrolAsync(studyId, patient.Address, Consent, new byte[65]));
        Assert.Equal("BadSignature", garbage.RevertError);
        Assert.Equal(StudyParticipationStatus.None, (await studies.GetParticipationAsync(studyId, patient.Address)).Status);
        Assert.Equal(0, (await studies.GetStudyAsync(studyId))!.EnrolledCount);
    }

    [Fact]
    public async Task A_patients_enrolment_signature_does_not_replay_into_another_study_or_twice()
    {
        var (_, first) = await StudyAsync();
        var (_, second) = await StudyAsync();
        var patient = await FundedKeyAsync();
        var stranger = await Adversary.CreateAsync(Chain);
        var studies = Studies(stranger);
        var signature = await Studies(patient).SignEnrolmentAsync(first, new LocalKeySigner(patient), Consent);

        var replayed = await Assert.ThrowsAsync<ChainException>(() => studies.EnrolAsync(second, patient.Address, Consent, signature));
        Assert.Equal("NotPatient", replayed.RevertError);
        var otherConsent = await Assert.ThrowsAsync<ChainException>(() => studies.EnrolAsync(first, patient.Address, SHA256.HashData("other"u8), signature));
        Assert.Equal("NotPatient", otherConsent.RevertError);

        // Submitted as signed (anyone may relay it), it enrols the patient once.
        await studies.EnrolAsync(first, patient.Address, Consent, signature);
        var twice = await Assert.ThrowsAsync<ChainException>(() => studies.EnrolAsync(first, patient.Address, Consent, signature));
        Assert.Equal("AlreadyParticipating", twice.RevertError);
        Assert.Equal(StudyParticipationStatus.None, (await studies.GetParticipationAsync(second, patient.Address)).Status);
        Assert.Equal("0x" + Convert.ToHexString(Consent).ToLowerInvariant(), (await studies.GetParticipationAsync(first, patient.Address)).ConsentDigest);
    }

    [Fact]
    public async Task A_closed_study_refuses_enrolment_and_interest_but_lets_the_enrolled_withdraw()
    {
        var (researcherKey, studyId) = await StudyAsync();
        var enrolled = Client.GetPatientClient(await FundedKeyAsync());
        var late = Client.GetPatientClient(await FundedKeyAsync());
        await enrolled.Research.EnrolInStudyAsync(studyId, Consent, [], (await Chain.ChainTimeAsync()).AddDays(1));

        await Client.GetResearcherClient(researcherKey).CloseStudyAsync(studyId);

        var enrol = await Assert.ThrowsAsync<ChainException>(() => late.Research.EnrolInStudyAsync(studyId, Consent, [], DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Equal("StudyNotOpen", enrol.RevertError);
        var interest = await Assert.ThrowsAsync<ChainException>(() => late.Research.SignalStudyInterestAsync(studyId));
        Assert.Equal("StudyNotOpen", interest.RevertError);
        Assert.DoesNotContain(await late.Research.ListOpenStudiesAsync().ToListAsync(), s => s.Study.StudyId == studyId);

        await enrolled.Research.WithdrawFromStudyAsync(studyId);
        Assert.Equal(StudyParticipationStatus.Withdrawn, (await enrolled.Research.GetStudyParticipationAsync(studyId)).Status);
    }

    [Fact]
    public async Task A_stranger_cannot_withdraw_a_patient_nor_close_someone_elses_study()
    {
        var (_, studyId) = await StudyAsync();
        var patientKey = await FundedKeyAsync();
        var patient = Client.GetPatientClient(patientKey);
        await patient.Research.EnrolInStudyAsync(studyId, Consent, [], (await Chain.ChainTimeAsync()).AddDays(1));
        var stranger = await Adversary.CreateAsync(Chain);
        var studies = Studies(stranger);

        var forged = await studies.SignWithdrawalAsync(studyId, new LocalKeySigner(Secp256k1PrivateKey.FromHex(stranger.PrivateKey)));
        var refused = await Assert.ThrowsAsync<ChainException>(() => studies.WithdrawAsync(studyId, patientKey.Address, forged));
        Assert.Equal("NotPatient", refused.RevertError);
        var close = await Assert.ThrowsAsync<ChainException>(() => studies.CloseStudyAsync(studyId));
        Assert.Equal("NotStudyResearcher", close.RevertError);
        Assert.Equal(StudyParticipationStatus.Enrolled, (await patient.Research.GetStudyParticipationAsync(studyId)).Status);
        Assert.Equal(1, (await studies.GetStudyAsync(studyId))!.EnrolledCount);
    }
}

/// <summary>The trial recruitment attack tests with anvil as the chain.</summary>
public sealed class TrialRecruitmentAttackOnAnvilTests(DevnetFixture fixture) : TrialRecruitmentAttackTests(fixture, ChainBackend.Anvil);

/// <summary>The trial recruitment attack tests with the in-process embedded chain as the chain.</summary>
public sealed class TrialRecruitmentAttackOnEmbeddedChainTests(DevnetFixture fixture) : TrialRecruitmentAttackTests(fixture, ChainBackend.Embedded);
