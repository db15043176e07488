using System.Numerics;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Fhir.Claims;
using MediBloc.Sdk.Roles.Insurer;
using MediBloc.Sdk.Roles.Patient;

namespace MediBloc.IntegrationTests.Claims;

/// <summary>
/// Automatic insurance claims on both backends: a certified insurer's funded policy, a member's claim built from an
/// encounter's records and filed with record-scoped payment grants, adjudicated by declared rules into a paid claim
/// (and a second one denied by rule), and the refusals: strangers, an uncertified insurer, double payment, replay for
/// another patient, more than the pool, reads outside the claim's scope and after a revocation.
/// </summary>
public abstract class ClaimsTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private static readonly FhirResourceValidator Validator = new();

    private sealed record Policy(Secp256k1PrivateKey Key, InsurerClient Insurer, BigInteger PolicyId, AdjudicationRules Rules, DateTimeOffset Now);

    private async Task<Policy> OpenPolicyAsync(long poolMed = 1000)
    {
        var key = await FundedKeyAsync();
        await CertifyAsync(key.Address, CredentialRole.Insurer);
        await ResearchKit.Token(Chain, Deployment).TransferAsync(key.Address, MedTokenClient.FromMed(poolMed));
        var now = await Chain.ChainTimeAsync();
        var rules = ClaimsKit.Rules(now);
        var insurer = Client.GetInsurerClient(key);
        var pool = MedTokenClient.FromMed(poolMed);
        #region Snippet:ClaimsOpenPolicy
        // The rules are data; their hash goes on chain with the policy, so members can check what they are judged by.
        PolicyOpening policy = await insurer.OpenPolicyAsync(rules.ComputeHash(), rules.CoverageStart, rules.CoverageEnd, maxClaim: MedTokenClient.FromMed(1000));
        await insurer.FundPolicyAsync(policy.PolicyId, pool);
        #endregion
        return new Policy(key, insurer, policy.PolicyId, rules, now);
    }

    private async Task<(PatientClient Patient, Secp256k1PrivateKey Key)> MemberAsync(Policy policy)
    {
        var key = await FundedKeyAsync();
        await policy.Insurer.EnrollAsync(policy.PolicyId, key.Address);
        return (Client.GetPatientClient(key), key);
    }

    /// <summary>Publishes an encounter's records, builds its claim and files it for the claim's total at the policy's rate.</summary>
    private static async Task<(FiledClaim Filed, Claim Claim)> FileEncounterAsync(PatientClient patient, Policy policy, string encounterId, bool cosmetic = false) =>
        await FileRecordsAsync(patient, policy, ClaimsKit.EncounterRecords(encounterId, policy.Now, cosmetic));

    /// <summary>Publishes the records (the Encounter first), builds the claim and files it.</summary>
    private static async Task<(FiledClaim Filed, Claim Claim)> FileRecordsAsync(PatientClient patient, Policy policy, IReadOnlyList<Resource> resources)
    {
        var commitments = new List<Commitment>();
        foreach (var resource in resources)
        {
            commitments.Add((await patient.PublishAsync(ClaimsKit.Json(resource), "application/fhir+json")).Commitment);
        }
        var charges = ClaimsKit.BuildOptions(policy.Now); // insurer and coverage references, charges per code
        #region Snippet:ClaimsFile
        // The patient's app builds the FHIR Claim from the encounter's records and files it: each record, and the claim,
        // becomes readable to the insurer for the payment purpose (HPAYMT) only, by its own record-scoped grant.
        Claim claim = ClaimBuilder.Build((Encounter)resources[0], resources, charges);
        FiledClaim filed = await patient.Insurance.FileClaimAsync(new ClaimSubmission(
            policy.PolicyId, policy.Insurer.PublicKey, ClaimAdjudicator.SerializeClaim(claim), commitments,
            Amount: policy.Rules.ToMed(claim.Total!.Value!.Value), AccessExpiresAt: policy.Now.AddDays(90)));
        #endregion
        return (filed, claim);
    }

    [Fact]
    public async Task A_member_files_an_encounter_claim_the_insurer_adjudicates_and_pays_and_the_patient_reads_the_eob()
    {
        var policy = await OpenPolicyAsync();
        var (patient, patientKey) = await MemberAsync(policy);
        var (filed, claim) = await FileEncounterAsync(patient, policy, "enc-paid");
        Assert.True(Validator.Validate(claim).IsValid);
        Assert.Equal((3, 1, 250m), (claim.Item.Count, claim.Diagnosis.Count, claim.Total!.Value!.Value));
        var insurer = policy.Insurer;

        #region Snippet:ClaimsAdjudicateAndPay
        // The insurer's duplicate ledger of the policy: kept for the policy's life (or EncounterClaimLedger.RebuildAsync).
        var ledger = new EncounterClaimLedger(policy.PolicyId);
        // The insurer opens the claim and its records (each read checked against the grants and logged on chain),
        // adjudicates by the declared rules, and pays in MED from the pool with the decision sealed to the patient.
        SubmittedClaim submitted = await insurer.OpenClaimAsync(filed.ClaimId);
        var adjudicator = new ClaimAdjudicator(policy.Rules, new FhirResourceValidator());
        // One claim per encounter: a claim whose encounter an earlier claim holds is denied (Duplicate).
        ClaimDecision decision = adjudicator.Adjudicate(submitted, ledger);
        if (decision.IsPaid)
        {
            await insurer.PayClaimAsync(submitted, decision.PayableMed, decision.ToDocument(), ClaimDecision.DocumentContentType);
        }
        else
        {
            await insurer.DenyClaimAsync(submitted, decision.DenialReason, decision.ToDocument(), ClaimDecision.DocumentContentType);
        }
        #endregion

        Assert.Equal(4, submitted.Records.Count);
        Assert.Equal(patientKey.Address, submitted.PatientKey.Address);
        Assert.Equal((ClaimDenialReason.None, 250m, 215m, 50m, 33m, 132m), (decision.DenialReason, decision.Submitted, decision.Eligible, decision.Deductible, decision.CoPay, decision.Benefit));
        Assert.True(Validator.Validate(decision.ClaimResponse).IsValid);
        Assert.True(Validator.Validate(decision.ExplanationOfBenefit).IsValid);
        Assert.Equal(MedTokenClient.FromMed(132), await ResearchKit.Token(Chain, Deployment).GetBalanceAsync(patientKey.Address));

        #region Snippet:ClaimsPatientOutcome
        ClaimOutcome? outcome = await patient.Insurance.GetOutcomeAsync(filed.ClaimId);
        ExplanationOfBenefit eob = ClaimDecision.ReadExplanationOfBenefit(outcome!.Document);
        #endregion
        Assert.Equal((InsuranceClaimStatus.Paid, MedTokenClient.FromMed(132)), (outcome.Decision.Status, outcome.Decision.PaidAmount));
        Assert.Equal(132m, eob.Payment?.Amount?.Value);
        var onChain = (await insurer.GetPolicyAsync(policy.PolicyId))!;
        Assert.Equal((MedTokenClient.FromMed(868), BigInteger.Zero, MedTokenClient.FromMed(132)), (onChain.Pool, onChain.Reserved, onChain.Paid));
        Assert.Equal(onChain.Funded - onChain.Paid - onChain.Withdrawn, onChain.Pool);

        // Paying twice is refused on chain, whoever asks.
        var again = await Assert.ThrowsAsync<ChainException>(() => insurer.PayClaimAsync(submitted, MedTokenClient.FromMed(1), decision.ToDocument(), ClaimDecision.DocumentContentType));
        Assert.Equal("AlreadyDecided", again.RevertError);
        // The patient's audit trail shows the insurer's payment-purpose reads.
        var audit = await patient.GetAuditTrailAsync();
        Assert.Contains(audit, e => e.Actor == insurer.Address && e.PurposeId is { } id && PurposeOfUse.FromPurposeId(id) == PurposeOfUse.Payment);
    }

    [Fact]
    public async Task A_claim_with_an_excluded_procedure_is_denied_by_rule_with_a_typed_reason_and_its_reservation_released()
    {
        var policy = await OpenPolicyAsync();
        var (patient, patientKey) = await MemberAsync(policy);
        var (filed, _) = await FileEncounterAsync(patient, policy, "enc-denied", cosmetic: true);
        Assert.Equal(MedTokenClient.FromMed(570), (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!.Reserved);

        var submitted = await policy.Insurer.OpenClaimAsync(filed.ClaimId);
        var decision = new ClaimAdjudicator(policy.Rules, Validator).Adjudicate(ClaimAdjudicator.ParseClaim(submitted.ClaimDocument));
        Assert.False(decision.IsPaid);
        Assert.Equal(ClaimDenialReason.Excluded, decision.DenialReason);
        Assert.True(Validator.Validate(decision.ExplanationOfBenefit).IsValid);
        await policy.Insurer.DenyClaimAsync(submitted, decision.DenialReason, decision.ToDocument(), ClaimDecision.DocumentContentType);

        var outcome = (await patient.Insurance.GetOutcomeAsync(filed.ClaimId))!;
        Assert.Equal((InsuranceClaimStatus.Denied, ClaimDenialReason.Excluded), (outcome.Decision.Status, outcome.Decision.DenialReason));
        Assert.Null(ClaimDecision.ReadExplanationOfBenefit(outcome.Document).Payment);
        Assert.Equal((InsuranceClaimStatus.Denied, ClaimDenialReason.Excluded), ((await patient.Insurance.GetClaimAsync(filed.ClaimId))!.Status, (await patient.Insurance.GetClaimAsync(filed.ClaimId))!.DenialReason));
        var onChain = (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!;
        Assert.Equal((MedTokenClient.FromMed(1000), BigInteger.Zero), (onChain.Pool, onChain.Reserved));
        Assert.Equal(BigInteger.Zero, await ResearchKit.Token(Chain, Deployment).GetBalanceAsync(patientKey.Address));
        Assert.Equal("AlreadyDecided", (await Assert.ThrowsAsync<ChainException>(() => policy.Insurer.PayClaimAsync(submitted, MedTokenClient.FromMed(1), decision.ToDocument(), ClaimDecision.DocumentContentType))).RevertError);
    }

    [Fact]
    public async Task A_stranger_and_another_insurer_cannot_pay_deny_or_withdraw_from_a_policy_and_an_uncertified_insurer_opens_none()
    {
        var policy = await OpenPolicyAsync();
        var (patient, _) = await MemberAsync(policy);
        var (filed, _) = await FileEncounterAsync(patient, policy, "enc-stranger");
        var other = await OpenPolicyAsync(poolMed: 10);
        var strangerKey = await FundedKeyAsync();
        foreach (var key in new[] { strangerKey, other.Key })
        {
            var claims = new InsuranceClaimsClient(Connect(key), Deployment.InsuranceClaimsAddress!.Value);
            Assert.Equal("NotPolicyInsurer", (await Assert.ThrowsAsync<ChainException>(() => claims.PayAsync(filed.ClaimId, MedTokenClient.FromMed(1)))).RevertError);
            Assert.Equal("NotPolicyInsurer", (await Assert.ThrowsAsync<ChainException>(() => claims.DenyAsync(filed.ClaimId, ClaimDenialReason.NotCovered))).RevertError);
            Assert.Equal("NotPolicyInsurer", (await Assert.ThrowsAsync<ChainException>(() => claims.WithdrawAsync(policy.PolicyId, MedTokenClient.FromMed(1)))).RevertError);
        }
        var stranger = Client.GetInsurerClient(strangerKey);
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => stranger.OpenPolicyAsync(new byte[32], policy.Now, policy.Now.AddDays(1), 1));
        Assert.Equal(AccessDenialCodes.NotCertified, denied.Code);
        var raw = new InsuranceClaimsClient(Connect(strangerKey), Deployment.InsuranceClaimsAddress!.Value);
        Assert.Equal("NotInsurer", (await Assert.ThrowsAsync<ChainException>(() => raw.OpenPolicyAsync(new byte[32], policy.Now, policy.Now.AddDays(1), 1))).RevertError);
        // An insurer whose credential was revoked can no longer pay nor deny: the claim's reservation stays in the pool.
        await new CredentialsClient(ConnectDeployer(), Deployment.CredentialsAddress!.Value).RevokeAsync(policy.Key.Address, CredentialRole.Insurer, "test: revoked");
        var own = new InsuranceClaimsClient(Connect(policy.Key), Deployment.InsuranceClaimsAddress!.Value);
        Assert.Equal("NotInsurer", (await Assert.ThrowsAsync<ChainException>(() => own.PayAsync(filed.ClaimId, MedTokenClient.FromMed(1)))).RevertError);
        Assert.Equal("NotInsurer", (await Assert.ThrowsAsync<ChainException>(() => own.DenyAsync(filed.ClaimId, ClaimDenialReason.NotCovered))).RevertError);
        Assert.Equal("InsufficientPool", (await Assert.ThrowsAsync<ChainException>(() => own.WithdrawAsync(policy.PolicyId, MedTokenClient.FromMed(1000)))).RevertError);
        Assert.Equal(MedTokenClient.FromMed(1000), (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!.Pool);
    }

    [Fact]
    public async Task A_claim_cannot_be_filed_twice_replayed_for_another_patient_or_above_the_pool_or_the_claimed_amount()
    {
        var policy = await OpenPolicyAsync(poolMed: 300);
        var (patient, _) = await MemberAsync(policy);
        var (filed, _) = await FileEncounterAsync(patient, policy, "enc-replay");
        var (_, otherKey) = await MemberAsync(policy);
        var asOther = new InsuranceClaimsClient(Connect(otherKey), Deployment.InsuranceClaimsAddress!.Value);
        Assert.Equal("NotRecordOwner", (await Assert.ThrowsAsync<ChainException>(() => asOther.FileClaimAsync(policy.PolicyId, filed.ClaimRecordId, filed.EncounterRecordId, otherKey.Address, MedTokenClient.FromMed(1)))).RevertError);
        var asPatient = new InsuranceClaimsClient(Connect(await FundedKeyAsync()), Deployment.InsuranceClaimsAddress!.Value);
        Assert.Equal("NotMember", (await Assert.ThrowsAsync<ChainException>(() => asPatient.FileClaimAsync(policy.PolicyId, filed.ClaimRecordId, filed.EncounterRecordId, otherKey.Address, MedTokenClient.FromMed(1)))).RevertError);
        Assert.Equal(InsuranceClaimsClient.ComputeClaimId(policy.PolicyId, filed.ClaimRecordId), filed.ClaimId);

        // 250 MED reserved of 300: a second claim for 250 does not fit; nothing is sent.
        var second = await Assert.ThrowsAsync<AccessDeniedException>(() => FileEncounterAsync(patient, policy, "enc-replay-2"));
        Assert.Equal(ClaimErrorCodes.NotClaimable, second.Code);
        // A withdrawal cannot take the reservation; a payment cannot exceed the claimed amount.
        Assert.Equal("InsufficientPool", (await Assert.ThrowsAsync<ChainException>(() => policy.Insurer.WithdrawAsync(policy.PolicyId, MedTokenClient.FromMed(51)))).RevertError);
        var insurerClaims = new InsuranceClaimsClient(Connect(policy.Key), Deployment.InsuranceClaimsAddress!.Value);
        Assert.Equal("InvalidAmount", (await Assert.ThrowsAsync<ChainException>(() => insurerClaims.PayAsync(filed.ClaimId, MedTokenClient.FromMed(251)))).RevertError);
        await policy.Insurer.WithdrawAsync(policy.PolicyId, MedTokenClient.FromMed(50));
        Assert.Equal(MedTokenClient.FromMed(250), (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!.Pool);
    }

    [Fact]
    public async Task The_insurer_cannot_read_records_outside_the_claim_nor_after_the_patient_revokes_a_grant()
    {
        var policy = await OpenPolicyAsync();
        var (patient, _) = await MemberAsync(policy);
        // A record sealed to the insurer's key but never granted for payment: the chain refuses the read.
        var unrelated = await patient.PublishAsync(ClaimsKit.Json(ClaimsKit.EncounterRecords("enc-private", policy.Now)[2]), "application/fhir+json", [policy.Insurer.PublicKey]);
        var (filed, _) = await FileEncounterAsync(patient, policy, "enc-revoked");
        var outside = await Assert.ThrowsAsync<AccessDeniedException>(() => policy.Insurer.OpenRecordAsync(unrelated.Cid));
        Assert.Equal(AccessDenialCodes.NotPermitted, outside.Code);
        Assert.Equal(4, (await policy.Insurer.OpenClaimAsync(filed.ClaimId)).Records.Count);

        await patient.RevokeAsync(filed.GrantIds[0]);
        var revoked = await Assert.ThrowsAsync<AccessDeniedException>(() => policy.Insurer.OpenClaimAsync(filed.ClaimId));
        Assert.Equal(AccessDenialCodes.NotPermitted, revoked.Code);
    }

    [Fact]
    public async Task The_same_encounter_record_is_claimed_once_the_sdk_refuses_before_publishing_and_the_chain_refuses_a_direct_filing()
    {
        var policy = await OpenPolicyAsync();
        var (patient, key) = await MemberAsync(policy);
        var resources = ClaimsKit.EncounterRecords("enc-twice", policy.Now);
        var commitments = new List<Commitment>();
        foreach (var resource in resources)
        {
            commitments.Add((await patient.PublishAsync(ClaimsKit.Json(resource), "application/fhir+json")).Commitment);
        }
        var claim = ClaimBuilder.Build((Encounter)resources[0], resources, ClaimsKit.BuildOptions(policy.Now));
        var submission = new ClaimSubmission(policy.PolicyId, policy.Insurer.PublicKey, ClaimAdjudicator.SerializeClaim(claim), commitments, MedTokenClient.FromMed(250), policy.Now.AddDays(90))
            { EncounterRecord = commitments[0] };
        var first = await patient.Insurance.FileClaimAsync(submission);
        Assert.Equal(RecordId.Of(key.Address, commitments[0]), first.EncounterRecordId);
        Assert.Equal(first.EncounterRecordId.ToString(), (await patient.Insurance.GetClaimAsync(first.ClaimId))!.EncounterRecordId);
        var anchored = await AnchoredCountAsync(key);

        // Through the SDK: refused before anything is shared, stored or anchored.
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => patient.Insurance.FileClaimAsync(submission with { Amount = MedTokenClient.FromMed(10) }));
        Assert.Equal(ClaimErrorCodes.EncounterAlreadyClaimed, refused.Code);
        Assert.Equal(anchored, await AnchoredCountAsync(key));
        // Straight to the contract with a new claim record for the same encounter record: refused on chain.
        var claimRecord = new Commitment(Keccak256.Hash(Guid.NewGuid().ToByteArray()));
        await Registry(key).AnchorAsync(claimRecord, first.ClaimCid.ToString(), "application/vnd.medibloc.claim+json");
        var raw = new InsuranceClaimsClient(Connect(key), Deployment.InsuranceClaimsAddress!.Value);
        var onChain = await Assert.ThrowsAsync<ChainException>(() => raw.FileClaimAsync(policy.PolicyId, RecordId.Of(key.Address, claimRecord), first.EncounterRecordId, key.Address, MedTokenClient.FromMed(10)));
        Assert.Equal("EncounterAlreadyClaimed", onChain.RevertError);
        Assert.Equal(first.ClaimId, await raw.GetClaimOfEncounterAsync(policy.PolicyId, first.EncounterRecordId));
        Assert.Equal(MedTokenClient.FromMed(250), (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!.Reserved);
    }

    [Fact]
    public async Task A_re_published_encounter_is_filed_but_denied_as_a_duplicate_and_never_paid_twice()
    {
        var policy = await OpenPolicyAsync();
        var (patient, key) = await MemberAsync(policy);
        var insurer = policy.Insurer;
        var (first, _) = await FileRecordsAsync(patient, policy, ClaimsKit.EncounterRecords("enc-visit-77", policy.Now, visit: "V-77"));
        // The same visit published again under another resource id: new records, so the chain takes the filing...
        var copy = ClaimsKit.EncounterRecords("enc-visit-77-copy", policy.Now, visit: "V-77");
        Assert.Equal(first.ClaimId, await EncounterClaimLedger.FindPatientClaimAsync(patient, policy.PolicyId, (Encounter)copy[0]));
        var (second, _) = await FileRecordsAsync(patient, policy, copy);
        Assert.NotEqual(first.EncounterRecordId, second.EncounterRecordId);
        // ...and also the same resource published a third time.
        var (third, _) = await FileRecordsAsync(patient, policy, ClaimsKit.EncounterRecords("enc-visit-77", policy.Now, visit: "V-77"));

        // ...but the insurer's duplicate ledger denies every later claim of the visit.
        var adjudicator = new ClaimAdjudicator(policy.Rules, Validator);
        var ledger = new EncounterClaimLedger(policy.PolicyId);
        var decisions = new List<ClaimDenialReason>();
        await foreach (var filed in insurer.ListClaimsAsync(policy.PolicyId))
        {
            var submitted = await insurer.OpenClaimAsync(filed.ClaimId);
            var decision = adjudicator.Adjudicate(submitted, ledger);
            decisions.Add(decision.DenialReason);
            if (decision.IsPaid)
            {
                await insurer.PayClaimAsync(submitted, decision.PayableMed, decision.ToDocument(), ClaimDecision.DocumentContentType);
            }
            else
            {
                await insurer.DenyClaimAsync(submitted, decision.DenialReason, decision.ToDocument(), ClaimDecision.DocumentContentType);
            }
        }
        Assert.Equal([ClaimDenialReason.None, ClaimDenialReason.Duplicate, ClaimDenialReason.Duplicate], decisions);
        Assert.Equal(1, ledger.Count);
        Assert.Equal(first.ClaimId, ledger.ClaimOf("identifier|" + ClaimsKit.VisitSystem + "|V-77"));
        // The ledger rebuilt from the chain alone agrees.
        var (rebuilt, skipped) = await EncounterClaimLedger.RebuildAsync(insurer, policy.PolicyId, before: third.ClaimId);
        Assert.Empty(skipped);
        Assert.Equal(first.ClaimId, rebuilt.ClaimOf("identifier|" + ClaimsKit.VisitSystem + "|V-77"));

        Assert.Equal(MedTokenClient.FromMed(132), await ResearchKit.Token(Chain, Deployment).GetBalanceAsync(key.Address));
        var outcome = (await patient.Insurance.GetOutcomeAsync(second.ClaimId))!;
        Assert.Equal((InsuranceClaimStatus.Denied, ClaimDenialReason.Duplicate), (outcome.Decision.Status, outcome.Decision.DenialReason));
        var onChain = (await insurer.GetPolicyAsync(policy.PolicyId))!;
        Assert.Equal((MedTokenClient.FromMed(132), BigInteger.Zero), (onChain.Paid, onChain.Reserved));
        Assert.Equal(onChain.Funded - onChain.Paid - onChain.Withdrawn, onChain.Pool);
    }

    [Fact]
    public async Task A_member_cannot_file_on_another_patients_encounter_record()
    {
        var policy = await OpenPolicyAsync();
        var (victim, _) = await MemberAsync(policy);
        var (filed, _) = await FileEncounterAsync(victim, policy, "enc-victim");
        var unclaimed = await victim.PublishAsync(ClaimsKit.Json(ClaimsKit.EncounterRecords("enc-victim-2", policy.Now)[0]), "application/fhir+json");
        var (_, attackerKey) = await MemberAsync(policy);
        var claimRecord = new Commitment(Keccak256.Hash(Guid.NewGuid().ToByteArray()));
        await Registry(attackerKey).AnchorAsync(claimRecord, filed.ClaimCid.ToString(), "application/vnd.medibloc.claim+json");
        var attacker = new InsuranceClaimsClient(Connect(attackerKey), Deployment.InsuranceClaimsAddress!.Value);
        foreach (var encounter in new[] { filed.EncounterRecordId, RecordId.Of(victim.Address, unclaimed.Commitment) })
        {
            var refused = await Assert.ThrowsAsync<ChainException>(() => attacker.FileClaimAsync(policy.PolicyId, RecordId.Of(attackerKey.Address, claimRecord), encounter, attackerKey.Address, MedTokenClient.FromMed(10)));
            Assert.Equal("NotRecordOwner", refused.RevertError);
        }
        Assert.Null(await attacker.GetClaimOfEncounterAsync(policy.PolicyId, RecordId.Of(victim.Address, unclaimed.Commitment)));
        Assert.Equal(MedTokenClient.FromMed(250), (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!.Reserved);
    }

    private async Task<int> AnchoredCountAsync(Secp256k1PrivateKey key)
    {
        var count = 0;
        await foreach (var _ in Registry(key).GetAnchoredEventsAsync(owner: key.Address))
        {
            count++;
        }
        return count;
    }
}

/// <summary>The Claims tests with anvil as the chain.</summary>
public sealed class ClaimsOnAnvilTests(DevnetFixture fixture) : ClaimsTests(fixture, ChainBackend.Anvil);

/// <summary>The Claims tests with the in-process embedded chain as the chain.</summary>
public sealed class ClaimsOnEmbeddedChainTests(DevnetFixture fixture) : ClaimsTests(fixture, ChainBackend.Embedded);
