using System.Numerics;
using System.Security.Cryptography;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.IntegrationTests.Research;

/// <summary>
/// Front-running an enrolment with real ordering on anvil's mempool: a watcher reads the relayed enrolment while it is
/// pending and re-sends its signature for another study, and a second watcher copies it as is, both with higher tips. The signature binds
/// the study, so the re-targeted copy fails; the plain copy enrols the patient exactly as signed, once.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class TrialRecruitmentFrontRunningTests(DevnetFixture fixture)
{
    [Fact]
    public async Task A_watcher_cannot_move_a_pending_enrolment_into_another_study_and_a_copy_enrols_once()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var (_, deployment) = await WorkflowKit.SharedDeploymentAsync(fixture.Devnet, ChainBackend.Anvil);
        using var researcherKey = await ResearchKit.ResearcherAsync(chain, deployment);
        using var relayerKey = await chain.FundedKeyAsync();
        using var patient = Secp256k1PrivateKey.Generate();
        var watcher = await Adversary.CreateAsync(chain);
        var copier = await Adversary.CreateAsync(chain);
        var address = deployment.StudiesAddress!.Value;
        var researcher = new StudiesClient(chain.ConnectKey(Hex(researcherKey), WorkflowKit.FastOptions()), address);
        var target = (await researcher.PostStudyAsync(SHA256.HashData("target"u8))).StudyId;
        var other = (await researcher.PostStudyAsync(SHA256.HashData("other"u8))).StudyId;
        var consent = SHA256.HashData("consent"u8);
        var signature = await researcher.SignEnrolmentAsync(target, new LocalKeySigner(patient), consent);

        IReadOnlyList<MinedTransaction> block;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            var honest = await ordering.SendAsync(Hex(relayerKey), address.ToString(),
                new EnrolCall { StudyId = target, Patient = patient.Address.ToString(), ConsentDigest = consent, Signature = signature }, 1_000_000_000, TransactionOrdering.FallbackGas);
            // The watcher reads the pending calldata and re-targets its signature at the other study.
            var pending = await chain.Web3(0).Eth.Transactions.GetTransactionByHash.SendRequestAsync(honest);
            var seen = new EnrolCall().DecodeInput(pending.Input);
            var retargeted = await ordering.SendAsync(watcher.PrivateKey, address.ToString(),
                new EnrolCall { StudyId = other, Patient = seen.Patient, ConsentDigest = seen.ConsentDigest, Signature = seen.Signature }, 4_000_000_000, TransactionOrdering.FallbackGas);
            var copy = await ordering.CopyPendingAsync(honest, copier.PrivateKey, 5_000_000_000);
            block = await ordering.MineAsync(honest, retargeted, copy);
        }

        // Executed by tip: the copy (enrols as signed), the re-targeted one (NotPatient), the original (AlreadyParticipating).
        Assert.Equal([true, false, false], block.Select(t => t.Succeeded));
        Assert.Equal(StudyParticipationStatus.Enrolled, (await researcher.GetParticipationAsync(target, patient.Address)).Status);
        Assert.Equal(StudyParticipationStatus.None, (await researcher.GetParticipationAsync(other, patient.Address)).Status);
        Assert.Equal((1, 0), ((await researcher.GetStudyAsync(target))!.EnrolledCount, (await researcher.GetStudyAsync(other))!.EnrolledCount));
    }

    private static string Hex(Secp256k1PrivateKey key) => "0x" + Convert.ToHexString(key.ExportPrivateKey()).ToLowerInvariant();

    [Function("enrol")]
    private sealed class EnrolCall : FunctionMessage
    {
        [Parameter("uint256", "studyId", 1)]
        public BigInteger StudyId { get; set; }

        [Parameter("address", "patient", 2)]
        public string Patient { get; set; } = string.Empty;

        [Parameter("bytes32", "consentDigest", 3)]
        public byte[] ConsentDigest { get; set; } = [];

        [Parameter("bytes", "signature", 4)]
        public byte[] Signature { get; set; } = [];
    }
}
