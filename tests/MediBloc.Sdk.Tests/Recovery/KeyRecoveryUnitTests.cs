using System.Text;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Recovery;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Sdk.Tests.Recovery;

/// <summary>Key backup and recovery in-process (embedded chain, device folders), and the pieces that need no chain.</summary>
public sealed class KeyRecoveryUnitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-recovery-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task On_the_embedded_chain_two_of_three_guardians_recover_the_key_and_the_records_reopen()
    {
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var store = new LocalContentStore(Path.Combine(_folder, "shared-store"));
        var client = new MediBlocClient(new MediBlocClientOptions { ChainClient = chain.CreateRpcClient(), ContentStore = store, Outbox = new InMemoryRecordOutbox() }.UseDeployment(deployment));
        using var patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[3].PrivateKey);
        Secp256k1PrivateKey[] guardians = [Secp256k1PrivateKey.Generate(), Secp256k1PrivateKey.Generate(), Secp256k1PrivateKey.Generate()];
        using var device = Secp256k1PrivateKey.Generate();
        var patient = client.GetPatientClient(patientKey);
        var record = await patient.PublishAsync(Encoding.UTF8.GetBytes("blood type A+"), "text/plain");
        await patient.Care.BackUpKeyAsync([.. guardians.Select(g => g.PublicKey)], threshold: 2);

        var recovery = client.GetKeyRecoveryClient(device);
        var request = recovery.CreateRequest(patient.Address);
        var releases = new[] { await client.GetGuardianClient(guardians[1]).ReleaseKeyShareAsync(request), await client.GetGuardianClient(guardians[2]).ReleaseKeyShareAsync(request) };
        using var recovered = await recovery.RecoverKeyAsync(patient.Address, releases);
        var restored = await client.GetPatientClient(recovered).Care.RestoreRecordsAsync();

        Assert.Equal(patientKey.Address, recovered.Address);
        Assert.Equal(record.Commitment, Assert.Single(restored.Restored).Commitment);
        Assert.Equal(13, restored.Restored[0].ContentLength);
        foreach (var g in guardians)
        {
            g.Dispose();
        }
    }

    [Fact]
    public void The_verification_code_depends_on_the_device_key_and_the_patient()
    {
        using var patient = Secp256k1PrivateKey.Generate();
        using var device = Secp256k1PrivateKey.Generate();
        using var impostor = Secp256k1PrivateKey.Generate();

        var code = new KeyRecoveryRequest(patient.Address, device.PublicKey).VerificationCode;

        Assert.Equal(code, new KeyRecoveryRequest(EvmAddress.Parse(patient.Address.ToString().ToLowerInvariant()), device.PublicKey).VerificationCode);
        Assert.NotEqual(code, new KeyRecoveryRequest(patient.Address, impostor.PublicKey).VerificationCode);
        Assert.Matches("^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{4}$", code);
        Assert.Throws<InvalidFormatException>(() => EvmAddress.Parse("0x1234")); // a request takes an EvmAddress: malformed text never reaches it
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"v\":2,\"backupId\":\"0x00\",\"owner\":\"0x00\",\"threshold\":1,\"shares\":[]}")]
    [InlineData("{\"v\":1,\"backupId\":\"0x00\",\"owner\":\"0x00\",\"threshold\":2,\"shares\":[{\"index\":1,\"guardian\":\"0x\",\"cid\":\"x\",\"digest\":\"0x\"}]}")]
    public void A_malformed_backup_manifest_is_refused_with_InvalidFormatException(string json) =>
        Assert.Throws<InvalidFormatException>(() => KeyBackupManifest.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public async Task The_embedded_deployment_carries_the_storage_quota_and_UseDeployment_copies_it()
    {
        var deployment = await new InProcessChain().DeployMediBlocContractsAsync();
        var options = new MediBlocClientOptions().UseDeployment(deployment);

        Assert.StartsWith("0x", deployment.StorageQuotaAddress?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(deployment.StorageQuotaAddress, new[] { deployment.MedTokenAddress, deployment.MediPointsAddress, deployment.RecordRegistryAddress });
        Assert.Equal(deployment.StorageQuotaAddress?.ToString(), options.StorageQuotaAddress);
    }
}
