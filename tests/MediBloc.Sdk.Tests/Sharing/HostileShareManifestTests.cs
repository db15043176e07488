using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Sdk.Tests.Sharing;

/// <summary>Share manifests anchored by a stranger who granted to the reader: each bad one is skipped and reported, never fatal.</summary>
public sealed class HostileShareManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-hostile-share-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Listing_shares_skips_and_reports_each_hostile_manifest_keeps_the_good_ones_and_does_not_fetch_a_refused_one_again()
    {
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var store = new CountingContentStore(new LocalContentStore(Path.Combine(_folder, "store")));
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainClient = chain.CreateRpcClient(), ContentStore = store, Outbox = new InMemoryRecordOutbox(), MaxManifestBytes = 64 * 1024,
        }.UseDeployment(deployment));
        using var patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        using var attackerKey = Secp256k1PrivateKey.FromHex(chain.Accounts[2].PrivateKey);
        using var readerKey = Secp256k1PrivateKey.FromHex(chain.Accounts[3].PrivateKey);
        var reader = readerKey.PublicKey;
        var expiry = (await client.Context.GetChainTimeAsync(patientKey, CancellationToken.None)).AddDays(1);

        // An honest patient shares one record; a stranger grants too (so the reader looks at its manifests) and anchors hostile ones.
        var patient = client.GetPatientClient(patientKey);
        var record = await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\"}"), "application/fhir+json");
        var honest = await patient.ShareAsync(reader, AccessScope.All, "TREAT", expiry);
        var attacker = client.GetPatientClient(attackerKey);
        await attacker.ShareAsync(reader, AccessScope.All, "TREAT", expiry);
        var registry = await client.Context.GetRegistryAsync(attackerKey);
        await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), "not a CID\r\n" + new string('x', 5000), ShareManifest.ContentType);
        var oversized = await PutAsync(store, RandomNumberGenerator.GetBytes(100 * 1024));
        await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), oversized.ToString(), ShareManifest.ContentType);
        var garbage = await PutAsync(store, Encoding.UTF8.GetBytes("not an envelope"));
        await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), garbage.ToString(), ShareManifest.ContentType);
        var missing = UnixFsBuilder.Compute(RandomNumberGenerator.GetBytes(64), UnixFsOptions.CidV1RawLeaves);
        await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), missing.ToString(), ShareManifest.ContentType);
        var nulls = await attacker.PublishAsync(Encoding.UTF8.GetBytes("""{"v":1,"grantId":null,"grantee":null,"purpose":null,"expiresAt":1,"records":[null]}"""), ShareManifest.ContentType, [reader]);
        var claimed = new ShareManifest(1, honest.GrantId, readerKey.Address.ToString(), "TREAT", expiry.ToUnixTimeSeconds(), honest.Records);
        var stolen = await attacker.PublishAsync(claimed.ToBytes(), ShareManifest.ContentType, [reader]);
        var provider = client.GetProviderClient(readerKey);

        var report = await provider.GetSharedWithMeAsync();

        var shared = Assert.Single(report.Records);
        Assert.Equal(record.Commitment, shared.Commitment);
        Assert.Equal(patientKey.Address, shared.Owner);
        Assert.False(report.IsComplete);
        Assert.All(report.Skipped, p =>
        {
            Assert.Equal(ManifestProblem.ShareKind, p.Kind);
            Assert.Equal(attackerKey.Address, p.Owner);
            Assert.True(p.Cid.Length <= 201, p.Cid);
            Assert.DoesNotContain('\n', p.Cid);
        });
        var byCode = report.Skipped.ToDictionary(p => p.Code.ToString(), p => p);
        Assert.Equal(
            new[] { "InvalidCid", "TooLarge", "Unreadable", "NotFound", "Malformed", "WrongOwner" }.Order(),
            byCode.Keys.Order());
        Assert.Equal(oversized.ToString(), byCode["TooLarge"].Cid);
        Assert.Equal(garbage.ToString(), byCode["Unreadable"].Cid);
        Assert.Equal(missing.ToString(), byCode["NotFound"].Cid);
        Assert.False(byCode["NotFound"].Remembered);
        Assert.Equal(nulls.Cid.ToString(), byCode["Malformed"].Cid);
        Assert.Equal(stolen.Cid.ToString(), byCode["WrongOwner"].Cid);
        Assert.Equal(honest.GrantId, byCode["WrongOwner"].Id);
        Assert.Equal([shared], await provider.ListSharedWithMeAsync().ToListAsync());

        // A refusal is remembered: the next listing reports it again without fetching it; a missing one is tried again.
        var again = await provider.GetSharedWithMeAsync();

        Assert.Equal(report.Skipped.Select(p => p.Code.ToString()).Order(), again.Skipped.Select(p => p.Code.ToString()).Order());
        Assert.Equal(1, store.ReadsOf(oversized));
        Assert.Equal(1, store.ReadsOf(garbage));
        Assert.Equal(1, store.ReadsOf(nulls.Cid));
        Assert.Equal(1, store.ReadsOf(stolen.Cid));
        Assert.Equal(3, store.ReadsOf(missing)); // three listings, one read each
    }

    [Fact]
    public void A_share_manifest_with_a_null_or_invalid_field_is_refused_with_the_field_named()
    {
        var good = new ShareManifest(1, "0x" + new string('a', 64), "0x" + new string('b', 40), "TREAT", 1, [new SharedRecord(Commitment.Parse("0x" + new string('c', 64)), ContentId.Parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"), "text/plain")]);
        Assert.NotNull(ShareManifest.TryParse(good.ToBytes(), out _));

        string Refusal(ShareManifest m) => RefusalOf(m.ToBytes());
        static string RefusalOf(byte[] bytes)
        {
            Assert.Null(ShareManifest.TryParse(bytes, out var problem));
            return problem;
        }

        Assert.Contains("grant id", Refusal(good with { GrantId = null! }), StringComparison.Ordinal);
        Assert.Contains("grantee", Refusal(good with { Grantee = "../x" }), StringComparison.Ordinal);
        Assert.Contains("purpose", Refusal(good with { Purpose = new string('P', 65) }), StringComparison.Ordinal);
        Assert.Contains("expiry", Refusal(good with { ExpiresAt = 0 }), StringComparison.Ordinal);
        Assert.Contains("record list", Refusal(good with { Records = null! }), StringComparison.Ordinal);
        Assert.Contains("records[0].cid", RefusalOf(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(good.ToBytes()).Replace(good.Records[0].Cid.ToString(), "nope", StringComparison.Ordinal))), StringComparison.Ordinal);
        Assert.Contains("records[0].commitment", RefusalOf(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(good.ToBytes()).Replace(good.Records[0].Commitment.ToString(), "../../etc/passwd", StringComparison.Ordinal))), StringComparison.Ordinal);
        Assert.Contains("records[0].cid", Refusal(good with { Records = [new SharedRecord(Commitment.Parse("0x" + new string('c', 64)), default, "text/plain")] }), StringComparison.Ordinal);
        Assert.Contains("record 0: its commitment", Refusal(good with { Records = [null!] }), StringComparison.Ordinal);
        Assert.Contains("content type", Refusal(good with { Records = [new SharedRecord(Commitment.Parse("0x" + new string('c', 64)), good.Records[0].Cid, "a\nb")] }), StringComparison.Ordinal);
        Assert.Null(ShareManifest.TryParse("null"u8, out var nullProblem));
        Assert.NotEmpty(nullProblem);
    }

    private static async Task<ContentId> PutAsync(IContentStore store, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return await store.PutAsync(stream);
    }
}
