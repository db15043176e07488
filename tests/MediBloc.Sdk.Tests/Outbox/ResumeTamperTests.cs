using System.Text;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Sdk.Tests.Outbox;

/// <summary>Resume anchors only what the entry sealed: an envelope changed on disk is reported, never anchored.</summary>
public sealed class ResumeTamperTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-resume-tamper-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_pending_envelope_swapped_on_disk_for_another_record_is_reported_not_anchored_and_the_others_finish()
    {
        var (client, patient, deployment) = await CreateAsync();
        var outbox = (FileRecordOutbox)client.Outbox;
        var good = await SaveAsync(outbox, patient, deployment, "good record");
        var victim = await SaveAsync(outbox, patient, deployment, "true record");
        // Another record of the same length, sealed to the same key, replaces the victim's envelope.
        var forged = RecordEnvelope.Seal(Encoding.UTF8.GetBytes("fake record"), "text/plain", [patient.PublicKey]);
        await File.WriteAllBytesAsync(EnvelopePath(outbox, victim), forged.Envelope.ToArray());

        var report = await client.GetPatientClient(patient).ResumePendingAsync();

        var failure = Assert.Single(report.Failed);
        Assert.Equal(victim.Commitment, failure.Commitment);
        Assert.Equal(IntegrityCheck.Commitment, Assert.IsType<IntegrityException>(failure.Error).Check);
        Assert.False(failure.LeftOutbox);
        Assert.Equal([good.Commitment], report.Finished.Select(r => r.Commitment));
        Assert.Equal([victim.Commitment], await PendingCommitmentsAsync(client, patient));
    }

    [Fact]
    public async Task A_pending_batch_with_one_envelope_altered_on_disk_is_reported_whole_not_anchored_and_the_others_finish()
    {
        var (client, patient, deployment) = await CreateAsync();
        var outbox = (FileRecordOutbox)client.Outbox;
        var single = await SaveAsync(outbox, patient, deployment, "single record");
        var sealedRecords = Enumerable.Range(0, 3)
            .Select(i => RecordEnvelope.Seal(Encoding.UTF8.GetBytes($"batch record {i}"), "text/plain", [patient.PublicKey]))
            .ToList();
        var members = sealedRecords.Select(s => Pending(patient, deployment, s)).ToList();
        var batch = new PendingBatch(patient.Address, PendingBatch.ComputeBatchId(members.Select(m => m.Commitment)), deployment.ChainId,
            deployment.RecordRegistryAddress, members, DateTimeOffset.UtcNow);
        await outbox.SaveBatchAsync(batch, sealedRecords.Select(s => s.Envelope).ToList());
        var packed = Directory.GetFiles(Path.Combine(outbox.Directory, patient.Address.ToString().ToLowerInvariant(), "batches"), "*.envelopes").Single();
        var bytes = await File.ReadAllBytesAsync(packed);
        bytes[^1] ^= 0x01; // the last envelope's last tag byte
        await File.WriteAllBytesAsync(packed, bytes);

        var report = await client.GetPatientClient(patient).ResumePendingAsync();

        Assert.Equal(3, report.Failed.Count);
        Assert.All(report.Failed, f =>
        {
            Assert.Equal(batch.BatchId, f.OutboxBatchId);
            Assert.IsType<IntegrityException>(f.Error);
        });
        Assert.Equal([single.Commitment], report.Finished.Select(r => r.Commitment));
        var stillPending = new List<PendingBatch>();
        await foreach (var b in client.GetPatientClient(patient).GetPendingBatchesAsync())
        {
            stillPending.Add(b);
        }
        Assert.Equal(batch.BatchId, Assert.Single(stillPending).BatchId);
    }

    private async Task<(MediBlocClient Client, Secp256k1PrivateKey Patient, MediBlocDeployment Deployment)> CreateAsync()
    {
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainClient = chain.CreateRpcClient(),
            ContentStore = new LocalContentStore(Path.Combine(_folder, "store")),
            Outbox = new FileRecordOutbox(Path.Combine(_folder, "outbox")),
            RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
        });
        return (client, Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey), deployment);
    }

    private static async Task<PendingRecord> SaveAsync(IRecordOutbox outbox, Secp256k1PrivateKey patient, MediBlocDeployment deployment, string content)
    {
        var sealedRecord = RecordEnvelope.Seal(Encoding.UTF8.GetBytes(content), "text/plain", [patient.PublicKey]);
        var pending = Pending(patient, deployment, sealedRecord);
        await outbox.SaveAsync(pending, sealedRecord.Envelope);
        return pending;
    }

    private static PendingRecord Pending(Secp256k1PrivateKey patient, MediBlocDeployment deployment, SealedEnvelope sealedRecord) =>
        new(patient.Address, Commitment.Parse("0x" + Convert.ToHexString(sealedRecord.Commitment.AsSpan()).ToLowerInvariant()), "text/plain",
            deployment.ChainId, deployment.RecordRegistryAddress, sealedRecord.Envelope.Length, DateTimeOffset.UtcNow);

    private static string EnvelopePath(FileRecordOutbox outbox, PendingRecord record) =>
        Path.Combine(outbox.Directory, record.Owner.ToString().ToLowerInvariant(), record.Commitment.ToString()[2..] + ".envelope");

    private static async Task<List<Commitment>> PendingCommitmentsAsync(MediBlocClient client, Secp256k1PrivateKey patient)
    {
        var pending = new List<Commitment>();
        await foreach (var record in client.GetPatientClient(patient).GetPendingAsync())
        {
            pending.Add(Commitment.Parse(record.Commitment.ToString()));
        }
        return pending;
    }
}
