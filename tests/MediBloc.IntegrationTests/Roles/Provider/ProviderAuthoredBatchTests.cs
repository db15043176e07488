using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.IntegrationTests.Roles.Provider;

/// <summary>
/// A certified provider writes many records into a patient's record as one batch anchor (<c>anchorBatchFor</c>): the
/// patient owns and opens them, the outbox makes it resumable, and without a grant for all content types nothing is stored.
/// </summary>
public abstract class ProviderAuthoredBatchTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = "application/fhir+json";
    private const string Purpose = "TREAT";
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _provider = await FundedKeyAsync();
    }

    private IpfsContentStore Ipfs() => new(new KuboRpcClient(Devnet.IpfsApiUrl));

    private static List<RecordToPublish> Records(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new RecordToPublish(Encoding.UTF8.GetBytes($"{{\"resourceType\":\"Observation\",\"id\":\"obs-{i}\"}}"), Fhir))
            .ToList();

    [Fact]
    public async Task A_batch_written_under_a_grant_for_all_content_types_is_one_anchor_the_patient_owns_lists_and_opens()
    {
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        var patient = Client.GetPatientClient(_patient);
        await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, await FromNowAsync(TimeSpan.FromHours(1)));
        var client = Client;
        var providerKey = _provider;
        var patientKey = _patient;
        var records = Records(5);

        #region Snippet:ProviderWritesBatch
        // Many records into one patient's record, one anchor: the patient granted this provider writes of every
        // content type (AccessScope.All) for TREAT. The patient owns the batch and each record; the provider is its author.
        ProviderClient provider = client.GetProviderClient(providerKey);
        IReadOnlyList<PublishedRecord> written = await provider.WriteRecordsAsync(patientKey.PublicKey, records, "TREAT");
        #endregion

        Assert.Equal(5, written.Count);
        Assert.Single(written.Select(w => w.TransactionHash).Distinct());
        Assert.All(written, w => Assert.Equal(_patient.Address, w.Owner));
        Assert.All(written, w => Assert.NotNull(w.Batch));
        var authored = Assert.Single(await Registry(_provider).GetBatchAuthoredEventsAsync(_patient.Address).ToListAsync());
        Assert.Equal(_provider.Address, authored.Author);
        Assert.Equal(AccessGrantsClient.ComputePurposeId(Purpose), authored.PurposeId, ignoreCase: true);
        Assert.Equal(_patient.Address, (await Registry(_provider).GetBatchAsync(_patient.Address, written[0].Batch!.Root))!.Owner);

        // The patient, on a client of its own (nothing cached), lists the records and opens each with its own key.
        var patientClient = NewClient();
        var mine = await patientClient.GetPatientClient(_patient).ListMyRecordsAsync();
        Assert.Equal(written.Select(w => w.Cid.ToString()).Order(), mine.Select(m => m.Cid.ToString()).Order());
        for (var i = 0; i < written.Count; i++)
        {
            var opened = await patientClient.GetProviderClient(_patient).OpenAsync(written[i].Cid);
            Assert.Equal(records[i].Content.ToArray(), opened.Content.ToArray());
            Assert.Equal(_patient.Address, opened.Owner);
        }
        Assert.Equal(records[0].Content.ToArray(), (await provider.OpenAsync(written[0].Cid)).Content.ToArray());
    }

    [Fact]
    public async Task Without_a_live_grant_for_all_content_types_nothing_is_stored_nor_anchored_and_the_denial_says_why()
    {
        var store = new CountingStore(Ipfs());
        var client = NewClient(o => o.ContentStore = store);
        var provider = client.GetProviderClient(_provider);
        var patient = client.GetPatientClient(_patient);

        var uncertified = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordsAsync(_patient.PublicKey, Records(2), Purpose));
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        var none = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordsAsync(_patient.PublicKey, Records(2), Purpose));
        await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.ForContentType(Fhir), Purpose, await FromNowAsync(TimeSpan.FromHours(1)));
        var oneType = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordsAsync(_patient.PublicKey, Records(2), Purpose));
        var all = await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, await FromNowAsync(TimeSpan.FromHours(1)));
        await patient.RevokeAsync(all.GrantId);
        var revoked = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordsAsync(_patient.PublicKey, Records(2), Purpose));

        Assert.Equal(AccessDenialCodes.NotCertified, uncertified.Code);
        Assert.Equal(AccessDenialCodes.NoWriteConsent, none.Code);
        Assert.Equal(AccessDenialCodes.WriteScopeMismatch, oneType.Code);
        Assert.Equal(AccessDenialCodes.WriteConsentRevoked, revoked.Code);
        Assert.Equal(0, store.Puts);
        Assert.Empty(await client.GetPatientClient(_provider).GetPendingBatchesAsync().ToListAsync());
        Assert.Empty(await Registry(_provider).GetBatchAuthoredEventsAsync(_patient.Address).ToListAsync());
    }

    [Fact]
    public async Task The_registry_refuses_anchorBatchFor_under_a_grant_for_one_content_type_or_without_a_credential()
    {
        var asProvider = Registry(_provider);
        var tree = Sdk.Batches.RecordBatch.Create([new Sdk.Batches.BatchRecord(new Commitment(ChainTestKit.RandomCommitment()), "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", Fhir)]);
        const string Manifest = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";

        var uncertified = await Assert.ThrowsAsync<ChainException>(() => asProvider.AnchorBatchForAsync(_patient.Address, tree, Manifest, Purpose));
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        await Client.GetPatientClient(_patient).GrantWriteAccessAsync(_provider.Address, AccessScope.ForContentType(Fhir), Purpose, await FromNowAsync(TimeSpan.FromHours(1)));
        var oneType = await Assert.ThrowsAsync<ChainException>(() => asProvider.AnchorBatchForAsync(_patient.Address, tree, Manifest, Purpose));

        Assert.Equal("AuthorNotCertified", uncertified.RevertError);
        Assert.Equal("NoWriteConsent", oneType.RevertError);
        Assert.Null(await asProvider.GetBatchAsync(_patient.Address, tree.Root));
    }

    [Fact]
    public async Task A_batch_left_in_the_outbox_by_a_store_outage_is_anchored_once_by_ResumePendingAsync()
    {
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        await Client.GetPatientClient(_patient).GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, await FromNowAsync(TimeSpan.FromHours(1)));
        var outbox = FileOutbox();
        var store = Ipfs();
        var down = NewClient(o => { o.Outbox = outbox; o.ContentStore = new DownStore(store); });

        await Assert.ThrowsAnyAsync<MediBlocException>(() => down.GetProviderClient(_provider).WriteRecordsAsync(_patient.PublicKey, Records(3), Purpose));
        var pending = Assert.Single(await outbox.ListBatchesAsync(_provider.Address).ToListAsync());
        Assert.All(pending.Records, r => Assert.Equal(_patient.Address, r.WrittenFor));

        var up = NewClient(o => { o.Outbox = outbox; o.ContentStore = store; });
        var resumed = await up.GetProviderClient(_provider).ResumePendingAsync();
        var again = await up.GetProviderClient(_provider).ResumePendingAsync();

        Assert.True(resumed.IsComplete);
        Assert.Equal(3, resumed.Count);
        Assert.Empty(again);
        Assert.Empty(await outbox.ListBatchesAsync(_provider.Address).ToListAsync());
        Assert.Single(await Registry(_provider).GetBatchAuthoredEventsAsync(_patient.Address, _provider.Address).ToListAsync());
        var mine = await NewClient().GetPatientClient(_patient).ListMyRecordsAsync();
        Assert.Equal(resumed.Select(r => r.Cid.ToString()).Order(), mine.Select(m => m.Cid.ToString()).Order());
    }

    private sealed class CountingStore(IContentStore inner) : ForwardingContentStore(inner)
    {
        public int Puts { get; private set; }

        public override Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
        {
            Puts++;
            return Inner.PutAsync(content, cancellationToken);
        }
    }

    private sealed class DownStore(IContentStore inner) : ForwardingContentStore(inner)
    {
        public override Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default) =>
            throw new StorageException("The content store is down.", MediBlocErrorCode.NodeUnavailable);
    }
}

/// <summary>The ProviderAuthoredBatch tests with anvil as the chain.</summary>
public sealed class ProviderAuthoredBatchOnAnvilTests(DevnetFixture fixture) : ProviderAuthoredBatchTests(fixture, ChainBackend.Anvil);

/// <summary>The ProviderAuthoredBatch tests with the in-process embedded chain as the chain.</summary>
public sealed class ProviderAuthoredBatchOnEmbeddedChainTests(DevnetFixture fixture) : ProviderAuthoredBatchTests(fixture, ChainBackend.Embedded);
