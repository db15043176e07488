using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Recovery;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Replication;
using MediBloc.Sdk.Roles.KeyRecovery;

namespace MediBloc.IntegrationTests.Recovery;

/// <summary>
/// A patient backs their key up 2-of-3 to guardians, loses the device, and a new device recovers the key from two
/// guardians' shares and restores every record from the chain and IPFS. Every way recovery must refuse is shown too.
/// </summary>
public abstract class KeyRecoveryTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string BackupContentType = "application/vnd.medibloc.key-backup+json";
    private string _folder = null!;

    protected override Task SetUpAsync()
    {
        _folder = TemporaryFolder("medibloc-recovery-");
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_new_device_recovers_the_key_from_two_of_three_guardians_and_restores_every_record_from_IPFS()
    {
        var ipfs = new IpfsContentStore(new KuboRpcClient(Devnet.IpfsApiUrl));
        using var alice = await Chain.FundedKeyAsync();
        using var g1 = Secp256k1PrivateKey.Generate();
        using var g2 = Secp256k1PrivateKey.Generate();
        using var g3 = Secp256k1PrivateKey.Generate();
        var patientAddress = alice.Address;
        var contents = new Dictionary<string, string>
        {
            ["application/fhir+json"] = "{\"resourceType\":\"Observation\",\"code\":{\"text\":\"HbA1c\"},\"valueQuantity\":{\"value\":6.1}}",
            ["application/pdf"] = "%PDF-1.7 discharge letter",
            ["text/plain"] = "allergy: penicillin",
        };

        // The old phone: a device folder replicated to IPFS.
        var oldPhone = Path.Combine(_folder, "old-phone");
        var published = new List<PublishedRecord>();
        KeyBackup backup;
        await using (var store = new ReplicatingContentStore(new LocalContentStore(oldPhone), ipfs))
        {
            var client = DeviceClient(store);
            var patient = client.GetPatientClient(alice);
            foreach (var (type, text) in contents)
            {
                published.Add(await patient.PublishAsync(Encoding.UTF8.GetBytes(text), type));
            }

            #region Snippet:KeyBackUp
            // On the patient's phone: split the key 2-of-3, seal a share to each guardian, anchor the backup.
            KeyBackup myBackup = await patient.Care.BackUpKeyAsync([g1.PublicKey, g2.PublicKey, g3.PublicKey], threshold: 2);
            #endregion
            backup = myBackup;
            await store.SyncAsync();
        }
        Directory.Delete(oldPhone, recursive: true); // the phone is lost, and the key with it

        // The new phone: a fresh folder, a fresh key, and only the patient's address.
        var newPhone = Path.Combine(_folder, "new-phone");
        await using var newStore = new ReplicatingContentStore(new LocalContentStore(newPhone), ipfs);
        var newClient = DeviceClient(newStore);
        var guardiansClient = Client;
        using var deviceKey = Secp256k1PrivateKey.Generate();

        #region Snippet:KeyRecover
        // On the new phone: a fresh key, and a request to show each guardian.
        KeyRecoveryClient recovery = newClient.GetKeyRecoveryClient(deviceKey);
        KeyRecoveryRequest request = recovery.CreateRequest(patientAddress);
        Console.WriteLine($"Read this code to your guardian: {request.VerificationCode}");

        // On each guardian's phone, after comparing the code over a call: re-seal the share to the new phone's key.
        KeyShareRelease fromFirst = await guardiansClient.GetGuardianClient(g1).ReleaseKeyShareAsync(request);
        KeyShareRelease fromThird = await guardiansClient.GetGuardianClient(g3).ReleaseKeyShareAsync(request);

        // Back on the new phone: check and combine two shares, then restore every record from the chain and IPFS.
        using Secp256k1PrivateKey recovered = await recovery.RecoverKeyAsync(patientAddress, [fromFirst, fromThird]);
        RecordRestoreResult restored = await newClient.GetPatientClient(recovered).Care.RestoreRecordsAsync();
        #endregion

        Assert.Equal(patientAddress, recovered.Address);
        Assert.Equal(new KeyRecoveryRequest(patientAddress, deviceKey.PublicKey).VerificationCode, request.VerificationCode);
        Assert.Matches("^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{4}$", request.VerificationCode);
        Assert.Empty(restored.Failures);
        Assert.Equal(published.Select(p => p.Commitment), restored.Restored.Select(r => r.Commitment));
        var device = new LocalContentStore(newPhone);
        foreach (var record in published)
        {
            var opened = await newClient.GetProviderClient(recovered).OpenAsync(record.Cid);
            Assert.Equal(contents[record.ContentType], Encoding.UTF8.GetString(opened.Content.Span));
            Assert.Equal(record.Commitment, opened.Commitment);
            Assert.True(await device.ExistsAsync(record.Cid), "the restored record is back on the device");
        }
        var current = await newClient.GetPatientClient(recovered).Care.GetKeyBackupAsync();
        Assert.Equal((backup.BackupId, backup.Commitment, backup.ManifestCid, 2), (current.BackupId, current.Commitment, current.ManifestCid, current.Threshold));
        Assert.Equal([g1.Address, g2.Address, g3.Address], current.Guardians);
    }

    [Fact]
    public async Task Recovery_refuses_too_few_shares_a_share_of_another_guardian_an_altered_share_and_a_stranger()
    {
        using var alice = await Chain.FundedKeyAsync();
        using var g1 = Secp256k1PrivateKey.Generate();
        using var g2 = Secp256k1PrivateKey.Generate();
        using var g3 = Secp256k1PrivateKey.Generate();
        using var stranger = Secp256k1PrivateKey.Generate();
        using var deviceKey = Secp256k1PrivateKey.Generate();
        using var otherDevice = Secp256k1PrivateKey.Generate();
        var patient = alice.Address;
        await Client.GetPatientClient(alice).Care.BackUpKeyAsync([g1.PublicKey, g2.PublicKey, g3.PublicKey], threshold: 2);
        var recovery = Client.GetKeyRecoveryClient(deviceKey);
        var request = recovery.CreateRequest(patient);
        var r1 = await Client.GetGuardianClient(g1).ReleaseKeyShareAsync(request);
        var r2 = await Client.GetGuardianClient(g2).ReleaseKeyShareAsync(request);
        var toOtherDevice = await Client.GetGuardianClient(g3).ReleaseKeyShareAsync(Client.GetKeyRecoveryClient(otherDevice).CreateRequest(patient));
        var altered = r2 with { ShareCid = await PutAsync(Client, Flip(await ReadAsync(Client, r2.ShareCid.ToString()))) };
        var misattributed = r1 with { GuardianAddress = g2.Address };

        var one = await Assert.ThrowsAsync<KeyRecoveryException>(() => recovery.RecoverKeyAsync(patient, [r1]));
        var same = await Assert.ThrowsAsync<KeyRecoveryException>(() => recovery.RecoverKeyAsync(patient, [r1, r1]));
        var wrongGuardian = await Assert.ThrowsAsync<IntegrityException>(() => recovery.RecoverKeyAsync(patient, [r2, misattributed]));
        var tampered = await Assert.ThrowsAsync<IntegrityException>(() => recovery.RecoverKeyAsync(patient, [r1, altered]));
        var notMine = await Assert.ThrowsAsync<AccessDeniedException>(() => recovery.RecoverKeyAsync(patient, [r1, toOtherDevice]));
        var notGuardian = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetGuardianClient(stranger).ReleaseKeyShareAsync(request));
        var noBackup = await Assert.ThrowsAsync<NotFoundException>(() => Client.GetGuardianClient(g1).ReleaseKeyShareAsync(recovery.CreateRequest(stranger.Address)));
        using var key = await recovery.RecoverKeyAsync(patient, [r1, r2]);

        Assert.Equal(KeyRecoveryCodes.NotEnoughShares, one.Code);
        Assert.Equal((2, 1), (one.SharesNeeded, one.SharesGiven));
        Assert.Equal(1, same.SharesGiven);
        Assert.Equal(KeyRecoveryCodes.Share, wrongGuardian.Check);
        Assert.Equal(IntegrityCheck.Tag, tampered.Check);
        Assert.Equal(MediBlocErrorCode.NotARecipient, notMine.Code);
        Assert.Equal(KeyRecoveryCodes.NotAGuardian, notGuardian.Code);
        Assert.Equal(KeyRecoveryCodes.NoBackup, noBackup.Code);
        Assert.Equal(patient, key.Address);
    }

    [Fact]
    public async Task A_new_backup_supersedes_the_old_one_for_guardians_and_devices()
    {
        using var alice = await Chain.FundedKeyAsync();
        using var g1 = Secp256k1PrivateKey.Generate();
        using var g2 = Secp256k1PrivateKey.Generate();
        using var g3 = Secp256k1PrivateKey.Generate();
        using var g4 = Secp256k1PrivateKey.Generate();
        using var deviceKey = Secp256k1PrivateKey.Generate();
        var patient = Client.GetPatientClient(alice);
        var recovery = Client.GetKeyRecoveryClient(deviceKey);
        var request = recovery.CreateRequest(patient.Address);
        var first = await patient.Care.BackUpKeyAsync([g1.PublicKey, g2.PublicKey, g3.PublicKey], threshold: 2);
        var old1 = await Client.GetGuardianClient(g1).ReleaseKeyShareAsync(request);
        var old2 = await Client.GetGuardianClient(g2).ReleaseKeyShareAsync(request);

        var second = await patient.Care.BackUpKeyAsync([g1.PublicKey, g4.PublicKey], threshold: 2);
        var dropped = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetGuardianClient(g3).ReleaseKeyShareAsync(request));
        var stale = await Assert.ThrowsAsync<KeyRecoveryException>(() => recovery.RecoverKeyAsync(patient.Address, [old1, old2]));
        var new1 = await Client.GetGuardianClient(g1).ReleaseKeyShareAsync(request);
        var new4 = await Client.GetGuardianClient(g4).ReleaseKeyShareAsync(request);
        var mixed = await Assert.ThrowsAsync<KeyRecoveryException>(() => recovery.RecoverKeyAsync(patient.Address, [new1, old2]));
        using var key = await recovery.RecoverKeyAsync(patient.Address, [new1, new4]);

        Assert.NotEqual(first.BackupId, second.BackupId);
        Assert.Equal(second.Commitment, (await patient.Care.GetKeyBackupAsync()).Commitment);
        Assert.Equal(KeyRecoveryCodes.NotAGuardian, dropped.Code);
        Assert.Equal(KeyRecoveryCodes.BackupSuperseded, stale.Code);
        Assert.Equal(KeyRecoveryCodes.BackupSuperseded, mixed.Code);
        Assert.Equal(patient.Address, key.Address);
        Assert.DoesNotContain(await patient.ListMyRecordsAsync(), r => r.ContentType == BackupContentType);
    }

    [Fact]
    public async Task Shares_that_recombine_to_another_address_are_refused_with_RecoveredAddress()
    {
        // A backup anchored by the patient, in the documented manifest format, whose shares split someone else's key.
        using var alice = await Chain.FundedKeyAsync();
        using var otherKey = Secp256k1PrivateKey.Generate();
        using var g1 = Secp256k1PrivateKey.Generate();
        using var g2 = Secp256k1PrivateKey.Generate();
        using var deviceKey = Secp256k1PrivateKey.Generate();
        var backupId = "0x" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var shares = GuardianShares.Split(otherKey, 2, 2);
        var entries = new List<object>();
        foreach (var (share, guardian) in shares.Zip([g1, g2]))
        {
            var cid = await PutAsync(Client, GuardianShares.Seal(share, guardian.PublicKey));
            byte[] digest = SHA256.HashData([.. "MediBloc key share v1\0"u8, .. Convert.FromHexString(backupId[2..]), .. share.ToBytes()]);
            entries.Add(new { index = share.Index, guardian = guardian.Address, cid = cid.ToString(), digest = "0x" + Convert.ToHexString(digest).ToLowerInvariant() });
            share.Dispose();
        }
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new { v = 1, backupId, owner = alice.Address, threshold = 2, shares = entries });
        await Client.GetPatientClient(alice).PublishAsync(manifest, BackupContentType, [g1.PublicKey, g2.PublicKey]);
        var recovery = Client.GetKeyRecoveryClient(deviceKey);
        var request = recovery.CreateRequest(alice.Address);
        var r1 = await Client.GetGuardianClient(g1).ReleaseKeyShareAsync(request);
        var r2 = await Client.GetGuardianClient(g2).ReleaseKeyShareAsync(request);

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => recovery.RecoverKeyAsync(alice.Address, [r1, r2]));

        Assert.Equal(KeyRecoveryCodes.RecoveredAddress, ex.Check);
    }

    /// <summary>A client on a device: its own content store (a folder replicated to IPFS) instead of the IPFS node.</summary>
    private MediBlocClient DeviceClient(IContentStore store) => NewClient(options =>
    {
        options.IpfsApiUrl = null;
        options.ContentStore = store;
    });

    private static async Task<byte[]> ReadAsync(MediBlocClient client, string cid)
    {
        await using var stream = await client.ContentStore.OpenReadAsync(ContentId.Parse(cid));
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<ContentId> PutAsync(MediBlocClient client, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return await client.ContentStore.PutAsync(stream);
    }

    private static byte[] Flip(byte[] envelope)
    {
        var copy = (byte[])envelope.Clone();
        copy[^20] ^= 0x01; // inside the sealed share's ciphertext
        return copy;
    }
}

/// <summary>The KeyRecovery tests with anvil as the chain.</summary>
public sealed class KeyRecoveryOnAnvilTests(DevnetFixture fixture) : KeyRecoveryTests(fixture, ChainBackend.Anvil);

/// <summary>The KeyRecovery tests with the in-process embedded chain as the chain.</summary>
public sealed class KeyRecoveryOnEmbeddedChainTests(DevnetFixture fixture) : KeyRecoveryTests(fixture, ChainBackend.Embedded);
