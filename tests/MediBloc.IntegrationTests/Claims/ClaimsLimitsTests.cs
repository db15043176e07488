using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Roles.Insurer;

namespace MediBloc.IntegrationTests.Claims;

/// <summary>
/// Claims that cannot lock a pool, on both backends: a member anchoring cheap encounter records and filing claim after
/// claim holds at most the policy's open-claim limit (refused on chain with <c>TooManyOpenClaims</c>, and by the SDK
/// before sending), and a decision frees a slot; a claim the insurer leaves undecided is withdrawn by its claimant only
/// after the decision window (never before, never by anyone else, never twice), releasing its reservation, and can no
/// longer be paid.
/// </summary>
public abstract class ClaimsLimitsTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private sealed record Policy(InsurerClient Insurer, InsuranceClaimsClient Raw, BigInteger PolicyId);

    /// <summary>A certified insurer's policy (cap 100 MED, the given open-claim limit, a one-hour decision window) funded with 1000 MED.</summary>
    private async Task<Policy> OpenPolicyAsync(int maxOpenClaims)
    {
        var key = await FundedKeyAsync();
        await CertifyAsync(key.Address, CredentialRole.Insurer);
        await ResearchKit.Token(Chain, Deployment).TransferAsync(key.Address, MedTokenClient.FromMed(1000));
        var insurer = Client.GetInsurerClient(key);
        var now = await Chain.ChainTimeAsync();
        var opened = await insurer.OpenPolicyAsync(new byte[32], now.AddDays(-1), now.AddYears(1), MedTokenClient.FromMed(100), new PolicyLimits(maxOpenClaims, Window));
        await insurer.FundPolicyAsync(opened.PolicyId, MedTokenClient.FromMed(1000));
        return new Policy(insurer, Claims(key), opened.PolicyId);
    }

    private InsuranceClaimsClient Claims(Secp256k1PrivateKey key) => new(Connect(key), Deployment.InsuranceClaimsAddress!.Value);

    private async Task<Secp256k1PrivateKey> MemberAsync(Policy policy)
    {
        var key = await FundedKeyAsync();
        await policy.Insurer.EnrollAsync(policy.PolicyId, key.Address);
        return key;
    }

    /// <summary>Anchors a cheap encounter record and a claim record for the member and files a claim straight on chain.</summary>
    private async Task<ClaimFiling> FileCheapAsync(Policy policy, Secp256k1PrivateKey member, long med = 100)
    {
        var registry = Registry(member);
        var encounter = new Commitment(Keccak256.Hash(Guid.NewGuid().ToByteArray()));
        var claim = new Commitment(Keccak256.Hash(Guid.NewGuid().ToByteArray()));
        await registry.AnchorAsync(encounter, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "application/fhir+json");
        await registry.AnchorAsync(claim, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "application/vnd.medibloc.claim+json");
        return await Claims(member).FileClaimAsync(policy.PolicyId, RecordId.Of(member.Address, claim), RecordId.Of(member.Address, encounter), member.Address, MedTokenClient.FromMed(med));
    }

    [Fact]
    public async Task A_member_spamming_cheap_claims_reserves_at_most_the_open_claim_limit_and_a_decision_frees_a_slot()
    {
        var policy = await OpenPolicyAsync(maxOpenClaims: 2);
        var spammer = await MemberAsync(policy);
        var first = await FileCheapAsync(policy, spammer);
        await FileCheapAsync(policy, spammer);

        // The third undecided claim is refused on chain, and by the SDK before anything is stored or sent.
        var refused = await Assert.ThrowsAsync<ChainException>(() => FileCheapAsync(policy, spammer));
        Assert.Equal("TooManyOpenClaims", refused.RevertError);
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetPatientClient(spammer).Insurance.CheckClaimableAsync(policy.PolicyId, policy.Insurer.PublicKey, MedTokenClient.FromMed(1)));
        Assert.Equal(ClaimErrorCodes.TooManyOpenClaims, denied.Code);
        var onChain = (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!;
        Assert.Equal((MedTokenClient.FromMed(200), 2, Window), (onChain.Reserved, onChain.MaxOpenClaims, onChain.DecisionWindow));
        Assert.Equal(2, await policy.Raw.GetOpenClaimCountAsync(policy.PolicyId, spammer.Address));
        // A policy without a limit or a window is refused before anything is sent.
        var now = await Chain.ChainTimeAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => policy.Insurer.OpenPolicyAsync(new byte[32], now, now.AddDays(1), 1, new PolicyLimits(0, Window)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => policy.Insurer.OpenPolicyAsync(new byte[32], now, now.AddDays(1), 1, new PolicyLimits(1, TimeSpan.Zero)));

        // The rest of the pool stays free: the insurer withdraws part of it and another member files.
        await policy.Insurer.WithdrawAsync(policy.PolicyId, MedTokenClient.FromMed(700));
        var other = await MemberAsync(policy);
        await FileCheapAsync(policy, other);

        // A decision frees a slot.
        await policy.Raw.DenyAsync(first.ClaimId, ClaimDenialReason.NotCovered);
        Assert.Equal(1, await policy.Raw.GetOpenClaimCountAsync(policy.PolicyId, spammer.Address));
        await FileCheapAsync(policy, spammer);
        onChain = (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!;
        Assert.Equal((MedTokenClient.FromMed(300), MedTokenClient.FromMed(300)), (onChain.Reserved, onChain.Pool));
    }

    [Fact]
    public async Task An_undecided_claim_is_withdrawn_by_its_claimant_only_after_the_decision_window_and_cannot_be_paid_afterwards()
    {
        var policy = await OpenPolicyAsync(maxOpenClaims: 1);
        var memberKey = await MemberAsync(policy);
        var member = Client.GetPatientClient(memberKey).Insurance;
        var filed = await FileCheapAsync(policy, memberKey);
        var stranger = await FundedKeyAsync();

        // Before the window: refused by the SDK and on chain.
        var early = await Assert.ThrowsAsync<AccessDeniedException>(() => member.WithdrawClaimAsync(filed.ClaimId));
        Assert.Equal(ClaimErrorCodes.NotWithdrawable, early.Code);
        Assert.Equal("DecisionPending", (await Assert.ThrowsAsync<ChainException>(() => Claims(memberKey).WithdrawClaimAsync(filed.ClaimId))).RevertError);

        await Chain.IncreaseTimeAsync(Window + TimeSpan.FromMinutes(1));

        // After it: never by anyone but the claimant, the insurer included.
        var foreign = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetPatientClient(stranger).Insurance.WithdrawClaimAsync(filed.ClaimId));
        Assert.Equal(ClaimErrorCodes.NotClaimant, foreign.Code);
        Assert.Equal("NotClaimant", (await Assert.ThrowsAsync<ChainException>(() => Claims(stranger).WithdrawClaimAsync(filed.ClaimId))).RevertError);
        Assert.Equal("NotClaimant", (await Assert.ThrowsAsync<ChainException>(() => policy.Raw.WithdrawClaimAsync(filed.ClaimId))).RevertError);

        await member.WithdrawClaimAsync(filed.ClaimId);
        var claim = (await policy.Insurer.GetClaimAsync(filed.ClaimId))!;
        Assert.Equal((InsuranceClaimStatus.Withdrawn, BigInteger.Zero), (claim.Status, claim.PaidAmount));
        var outcome = (await member.GetOutcomeAsync(filed.ClaimId))!;
        Assert.Equal((InsuranceClaimStatus.Withdrawn, 0), (outcome.Decision.Status, outcome.Document.Length));
        var onChain = (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!;
        Assert.Equal(BigInteger.Zero, onChain.Reserved);

        // Never twice, never paid or denied afterwards; the slot is free again and the whole pool can be taken back.
        Assert.Equal("AlreadyDecided", (await Assert.ThrowsAsync<ChainException>(() => Claims(memberKey).WithdrawClaimAsync(filed.ClaimId))).RevertError);
        Assert.Equal(ClaimErrorCodes.NotWithdrawable, (await Assert.ThrowsAsync<AccessDeniedException>(() => member.WithdrawClaimAsync(filed.ClaimId))).Code);
        Assert.Equal("AlreadyDecided", (await Assert.ThrowsAsync<ChainException>(() => policy.Raw.PayAsync(filed.ClaimId, MedTokenClient.FromMed(100)))).RevertError);
        Assert.Equal("AlreadyDecided", (await Assert.ThrowsAsync<ChainException>(() => policy.Raw.DenyAsync(filed.ClaimId, ClaimDenialReason.NotCovered))).RevertError);
        Assert.Equal(0, await policy.Raw.GetOpenClaimCountAsync(policy.PolicyId, memberKey.Address));
        await policy.Insurer.WithdrawAsync(policy.PolicyId, MedTokenClient.FromMed(1000));
        onChain = (await policy.Insurer.GetPolicyAsync(policy.PolicyId))!;
        Assert.Equal((BigInteger.Zero, onChain.Funded - onChain.Paid - onChain.Withdrawn), (onChain.Pool, onChain.Pool));
        Assert.Equal(MedTokenClient.FromMed(1000), await ResearchKit.Token(Chain, Deployment).GetBalanceAsync(policy.Insurer.Address));
    }
}

/// <summary>The claim-limit tests with anvil as the chain.</summary>
public sealed class ClaimsLimitsOnAnvilTests(DevnetFixture fixture) : ClaimsLimitsTests(fixture, ChainBackend.Anvil);

/// <summary>The claim-limit tests with the in-process embedded chain as the chain.</summary>
public sealed class ClaimsLimitsOnEmbeddedChainTests(DevnetFixture fixture) : ClaimsLimitsTests(fixture, ChainBackend.Embedded);
