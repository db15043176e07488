using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.IntegrationTests.Claims;

/// <summary>
/// Front-running claim payments with real ordering on anvil's mempool: while the insurer's payment of a filed claim
/// waits, a withdrawal of the whole pool is sent with a higher tip and runs first, and a watcher copies the payment
/// with a higher tip still. The withdrawal cannot take what the claim reserved, the copy is not the policy's insurer,
/// and the payment goes through, to the member's payee, once. And two filings of the same encounter record mined in
/// one block: exactly one is filed.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class ClaimsFrontRunningTests(DevnetFixture fixture)
{
    [Fact]
    public async Task A_withdrawal_and_a_copied_payment_run_first_and_fail_and_the_payment_pays_the_payee_once()
    {
        var (chain, deployment, insurerKey, patientKey, insurer, policyId) = await FundedPolicyAsync();
        using var keys = new CompositeDisposable(insurerKey, patientKey);
        using var payee = Secp256k1PrivateKey.Generate();
        var address = deployment.InsuranceClaimsAddress!.Value;
        var patientConnection = chain.ConnectKey(Hex(patientKey), WorkflowKit.FastOptions());
        var commitment = new Commitment(Keccak256.Hash(Guid.NewGuid().ToByteArray()));
        await new RecordRegistryClient(patientConnection, deployment.RecordRegistryAddress).AnchorAsync(commitment, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "application/vnd.medibloc.claim+json");
        var filed = await new InsuranceClaimsClient(patientConnection, address).FileClaimAsync(policyId, RecordId.Of(patientKey.Address, commitment), RecordId.Of(patientKey.Address, commitment), payee.Address, MedTokenClient.FromMed(250));
        var watcher = await Adversary.CreateAsync(chain);

        IReadOnlyList<MinedTransaction> block;
        string withdraw, pay, copy;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            // The insurer's withdrawal of the whole pool is ahead of its payment (lower nonce); a watcher copies the payment with a higher tip.
            withdraw = await ordering.SendAsync(Hex(insurerKey), address.ToString(),
                new WithdrawCall { PolicyId = policyId, Amount = MedTokenClient.FromMed(300) }, 1_000_000_000, TransactionOrdering.FallbackGas);
            pay = await ordering.SendAsync(Hex(insurerKey), address.ToString(),
                new PayCall { ClaimId = Convert.FromHexString(filed.ClaimId[2..]), Amount = MedTokenClient.FromMed(250), DecisionCid = string.Empty }, 1_000_000_000, TransactionOrdering.FallbackGas);
            copy = await ordering.CopyPendingAsync(pay, watcher.PrivateKey, 5_000_000_000);
            block = await ordering.MineAsync(withdraw, pay, copy);
        }

        // The copy runs first (highest tip) and is refused; the withdrawal runs before the payment and cannot take the reservation.
        Assert.Equal([copy, withdraw, pay], block.Select(t => t.Hash));
        Assert.Equal([false, false, true], block.Select(t => t.Succeeded));
        var token = ResearchKit.Token(chain, deployment);
        Assert.Equal(MedTokenClient.FromMed(250), await token.GetBalanceAsync(payee.Address));
        Assert.Equal(BigInteger.Zero, await token.GetBalanceAsync(watcher.Address));
        var policy = (await insurer.GetPolicyAsync(policyId))!;
        Assert.Equal((InsuranceClaimStatus.Paid, MedTokenClient.FromMed(250)), ((await insurer.GetClaimAsync(filed.ClaimId))!.Status, (await insurer.GetClaimAsync(filed.ClaimId))!.PaidAmount));
        Assert.Equal(policy.Funded - policy.Paid - policy.Withdrawn, policy.Pool);
        Assert.Equal(MedTokenClient.FromMed(50), policy.Pool);
        Assert.Equal(BigInteger.Zero, policy.Withdrawn);
    }

    [Fact]
    public async Task Two_filings_of_the_same_encounter_in_one_block_reserve_and_pay_once()
    {
        var (chain, deployment, insurerKey, patientKey, insurer, policyId) = await FundedPolicyAsync();
        using var keys = new CompositeDisposable(insurerKey, patientKey);
        var address = deployment.InsuranceClaimsAddress!.Value;
        var registry = new RecordRegistryClient(chain.ConnectKey(Hex(patientKey), WorkflowKit.FastOptions()), deployment.RecordRegistryAddress);
        var records = new RecordId[3]; // the encounter record and two claim records for it
        for (var i = 0; i < records.Length; i++)
        {
            var commitment = new Commitment(Keccak256.Hash(Guid.NewGuid().ToByteArray()));
            await registry.AnchorAsync(commitment, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "application/fhir+json");
            records[i] = RecordId.Of(patientKey.Address, commitment);
        }

        IReadOnlyList<MinedTransaction> block;
        string a, b;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            // Both filings wait in the mempool together, so neither sees the other when it is sent.
            a = await ordering.SendAsync(Hex(patientKey), address.ToString(), FileCall(policyId, records[1], records[0], patientKey.Address, 100), 1_000_000_000, TransactionOrdering.FallbackGas);
            b = await ordering.SendAsync(Hex(patientKey), address.ToString(), FileCall(policyId, records[2], records[0], patientKey.Address, 100), 1_000_000_000, TransactionOrdering.FallbackGas);
            block = await ordering.MineAsync(a, b);
        }

        Assert.Equal([a, b], block.Select(t => t.Hash));
        Assert.Equal([true, false], block.Select(t => t.Succeeded));
        var winner = InsuranceClaimsClient.ComputeClaimId(policyId, records[1]);
        Assert.Equal(winner, await insurer.GetClaimOfEncounterAsync(policyId, records[0]));
        Assert.Null(await insurer.GetClaimAsync(InsuranceClaimsClient.ComputeClaimId(policyId, records[2])));
        Assert.Equal(MedTokenClient.FromMed(100), (await insurer.GetPolicyAsync(policyId))!.Reserved);
        await insurer.PayAsync(winner, MedTokenClient.FromMed(100));
        Assert.Equal(MedTokenClient.FromMed(100), await ResearchKit.Token(chain, deployment).GetBalanceAsync(patientKey.Address));
    }

    private static FileClaimCall FileCall(BigInteger policyId, RecordId claimRecord, RecordId encounterRecord, EvmAddress payee, long med) => new()
    {
        PolicyId = policyId, ClaimRecordId = claimRecord.ToBytes(), EncounterRecordId = encounterRecord.ToBytes(), Payee = payee.ToString(), Amount = MedTokenClient.FromMed(med),
    };

    private static string Hex(Secp256k1PrivateKey key) => "0x" + Convert.ToHexString(key.ExportPrivateKey()).ToLowerInvariant();

    [Function("pay")]
    private sealed class PayCall : FunctionMessage
    {
        [Parameter("bytes32", "claimId", 1)]
        public byte[] ClaimId { get; set; } = [];

        [Parameter("uint128", "amount", 2)]
        public BigInteger Amount { get; set; }

        [Parameter("string", "decisionCid", 3)]
        public string DecisionCid { get; set; } = string.Empty;
    }

    [Function("fileClaim", "bytes32")]
    private sealed class FileClaimCall : FunctionMessage
    {
        [Parameter("uint256", "policyId", 1)]
        public BigInteger PolicyId { get; set; }

        [Parameter("bytes32", "claimRecordId", 2)]
        public byte[] ClaimRecordId { get; set; } = [];

        [Parameter("bytes32", "encounterRecordId", 3)]
        public byte[] EncounterRecordId { get; set; } = [];

        [Parameter("address", "payee", 4)]
        public string Payee { get; set; } = string.Empty;

        [Parameter("uint128", "amount", 5)]
        public BigInteger Amount { get; set; }
    }

    [Function("withdraw")]
    private sealed class WithdrawCall : FunctionMessage
    {
        [Parameter("uint256", "policyId", 1)]
        public BigInteger PolicyId { get; set; }

        [Parameter("uint128", "amount", 2)]
        public BigInteger Amount { get; set; }
    }

    /// <summary>On anvil: a certified insurer holding 300 MED, a policy funded with all of it, and a patient covered by it.</summary>
    private async Task<(ChainUnderTest Chain, MediBlocDeployment Deployment, Secp256k1PrivateKey InsurerKey, Secp256k1PrivateKey PatientKey, InsuranceClaimsClient Insurer, BigInteger PolicyId)> FundedPolicyAsync()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var (_, deployment) = await WorkflowKit.SharedDeploymentAsync(fixture.Devnet, ChainBackend.Anvil);
        var insurerKey = await chain.FundedKeyAsync();
        var patientKey = await chain.FundedKeyAsync();
        await WorkflowKit.CertifyAsync(chain, deployment, insurerKey.Address, CredentialRole.Insurer);
        await ResearchKit.Token(chain, deployment).TransferAsync(insurerKey.Address, MedTokenClient.FromMed(300));
        var address = deployment.InsuranceClaimsAddress!.Value;
        var insurerConnection = chain.ConnectKey(Hex(insurerKey), WorkflowKit.FastOptions());
        var insurer = new InsuranceClaimsClient(insurerConnection, address);
        var now = await chain.ChainTimeAsync();
        var policyId = (await insurer.OpenPolicyAsync(new byte[32], now.AddDays(-1), now.AddYears(1), MedTokenClient.FromMed(300))).PolicyId;
        await new MedTokenClient(insurerConnection, deployment.MedTokenAddress!.Value).ApproveAsync(address, MedTokenClient.FromMed(300));
        await insurer.FundAsync(policyId, MedTokenClient.FromMed(300));
        await insurer.SetMemberAsync(policyId, patientKey.Address, covered: true);
        return (chain, deployment, insurerKey, patientKey, insurer, policyId);
    }

    private sealed class CompositeDisposable(params IDisposable[] owned) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in owned)
            {
                item.Dispose();
            }
        }
    }
}
