using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Tests.Sharing;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Batches;

namespace MediBloc.Sdk.Tests.Records;

/// <summary>Batch manifests named by chain events are hostile input: a bad one is skipped and reported, never fatal, and fetched once.</summary>
public sealed class HostileBatchManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-hostile-batch-").FullName;
    private MediBlocDeployment? _deployment;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Sharing_skips_and_reports_the_owners_unreadable_batches_and_shares_the_rest()
    {
        var (client, store, chain) = await CreateAsync();
        using var patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        using var readerKey = Secp256k1PrivateKey.FromHex(chain.Accounts[3].PrivateKey);
        var patient = client.GetPatientClient(patientKey);
        var published = await patient.PublishManyAsync(Enumerable.Range(0, 8).Select(i => new RecordToPublish(Encoding.UTF8.GetBytes($"record {i}"), "text/plain")).ToList());
        // Two more batches of the patient's own account whose manifests cannot be used: one is not a CID, one lists nulls.
        var registry = await client.Context.GetRegistryAsync(patientKey);
        await registry.AnchorBatchAsync(RandomBatch(), "not a CID");
        var nulls = await PutAsync(store, Encoding.UTF8.GetBytes("""{"v":1,"records":[null,{"commitment":null,"cid":null,"contentType":null}]}"""));
        var nullBatch = RandomBatch();
        await registry.AnchorBatchAsync(nullBatch, nulls.ToString());
        var expiry = (await client.Context.GetChainTimeAsync(patientKey, CancellationToken.None)).AddDays(1);

        var share = await patient.ShareAsync(readerKey.PublicKey, AccessScope.All, "TREAT", expiry);

        Assert.Equal(published.Select(p => p.Commitment.ToString()).Order(), share.Records.Select(r => r.Commitment.ToString()).Order());
        Assert.Equal(2, share.Skipped.Count);
        Assert.All(share.Skipped, p => Assert.Equal(ManifestProblem.BatchKind, p.Kind));
        Assert.Contains(share.Skipped, p => p.Code == ManifestProblemCodes.InvalidCid && p.Cid == "not a CID");
        Assert.Contains(share.Skipped, p => p.Code == ManifestProblemCodes.Malformed && p.Cid == nulls.ToString() && p.Id == nullBatch.Root);
        Assert.Equal(1, store.ReadsOf(nulls));

        var mine = await patient.ListMyRecordsAsync();

        Assert.Equal(8, mine.Count);
        Assert.Equal(1, store.ReadsOf(nulls));
    }

    [Fact]
    public async Task A_strangers_oversized_batch_manifest_does_not_stop_a_reader_finding_a_record_and_is_fetched_once()
    {
        var (client, store, chain) = await CreateAsync();
        using var patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        using var attackerKey = Secp256k1PrivateKey.FromHex(chain.Accounts[2].PrivateKey);
        using var readerKey = Secp256k1PrivateKey.FromHex(chain.Accounts[3].PrivateKey);
        var oversized = await PutAsync(store, RandomNumberGenerator.GetBytes(100 * 1024));
        await (await client.Context.GetRegistryAsync(attackerKey)).AnchorBatchAsync(RandomBatch(), oversized.ToString());
        var published = await client.GetPatientClient(patientKey).PublishManyAsync(
            Enumerable.Range(0, 8).Select(i => new RecordToPublish(Encoding.UTF8.GetBytes($"record {i}"), "text/plain", [readerKey.PublicKey])).ToList());
        var neverAnchored = await PutAsync(store, RecordEnvelope.Seal("stray"u8, "text/plain", [readerKey.PublicKey]).Envelope.ToArray());
        // A reader on a client of its own, which knows no batch yet and must search them all.
        var reader = CreateClient(chain, store).GetProviderClient(readerKey);

        var opened = await reader.OpenAsync(published[0].Cid);
        var second = await reader.OpenAsync(published[1].Cid);
        var stray = await Assert.ThrowsAsync<IntegrityException>(() => reader.OpenAsync(neverAnchored));

        Assert.Equal("record 0"u8.ToArray(), opened.Content.ToArray());
        Assert.Equal("record 1"u8.ToArray(), second.Content.ToArray());
        Assert.Equal(IntegrityCheck.Commitment, stray.Check);
        Assert.Contains("1 batch(es) could not be searched", stray.Message, StringComparison.Ordinal);
        Assert.Contains("TooLarge", stray.Message, StringComparison.Ordinal);
        Assert.Equal(1, store.ReadsOf(oversized));
    }

    private async Task<(MediBlocClient Client, CountingContentStore Store, InProcessChain Chain)> CreateAsync()
    {
        var chain = new InProcessChain();
        _deployment = await chain.DeployMediBlocContractsAsync();
        var store = new CountingContentStore(new LocalContentStore(Path.Combine(_folder, "store")));
        return (CreateClient(chain, store), store, chain);
    }

    private MediBlocClient CreateClient(InProcessChain chain, IContentStore store) => new(new MediBlocClientOptions
    {
        ChainClient = chain.CreateRpcClient(), ContentStore = store, Outbox = new InMemoryRecordOutbox(), MaxManifestBytes = 64 * 1024,
    }.UseDeployment(_deployment!));

    private static RecordBatch RandomBatch() =>
        RecordBatch.Create(Enumerable.Range(0, 2).Select(_ => new BatchRecord(new Commitment(RandomNumberGenerator.GetBytes(32)), "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "text/plain")));

    private static async Task<ContentId> PutAsync(IContentStore store, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return await store.PutAsync(stream);
    }
}
