using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.StorageQuota;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.IntegrationTests.Roles.Patient;

/// <summary>
/// The on-chain storage quota is enforced when publishing, on the devnet: a storage quota contract with a small free
/// quota (the SDK's deployments give 1 GB), and records of about 3 kB, so the third does not fit.
/// </summary>
public abstract class StorageQuotaEnforcementTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const long FreeQuota = 8_000;
    private const string ContentType = "application/fhir+json";
    private StorageQuotaClient _quota = null!;
    private CountingStore _store = null!;

    protected override async Task SetUpAsync()
    {
        _quota = await StorageQuotaClient.DeployAsync(
            ConnectDeployer(), Deployment.MedTokenAddress!.Value, Deployer.Address, MediBlocClient.MedPerGigabyte, FreeQuota);
        _store = new CountingStore(new IpfsContentStore(new KuboRpcClient(Devnet.IpfsApiUrl)));
    }

    protected override MediBlocClient CreateClient() => ClientWithQuota();

    private MediBlocClient ClientWithQuota() => NewClient(options =>
    {
        options.StorageQuotaAddress = _quota.ContractAddress.ToString();
        options.ContentStore = _store;
    });

    private static byte[] Record(int i) => RandomBytes(3_000, i);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_record_over_the_quota_is_refused_before_anything_is_stored_or_anchored()
    {
        var key = await FundedKeyAsync();
        var patient = Client.GetPatientClient(key);
        await patient.PublishAsync(Record(1), ContentType);
        await patient.PublishAsync(Record(2), ContentType);
        var putsBefore = _store.Puts;

        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => patient.PublishAsync(Record(3), ContentType));

        Assert.Equal(MediBlocErrorCode.QuotaExceeded, refused.Code);
        Assert.Contains(key.Address.ToString(), refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("BuyStorageAsync", refused.Message, StringComparison.Ordinal);
        Assert.Equal(putsBefore, _store.Puts);
        Assert.Empty(await patient.GetPendingAsync().ToListAsync());
        Assert.Equal(2, (await patient.ListMyRecordsAsync()).Count);
        var usage = await patient.Wallet.GetStorageUsageAsync();
        Assert.Equal(FreeQuota, usage.QuotaBytes);
        Assert.InRange(usage.UsedBytes, 6_000, FreeQuota);
    }

    [Fact]
    public async Task Buying_storage_lifts_the_limit_at_once()
    {
        var key = await FundedKeyAsync();
        var patient = Client.GetPatientClient(key);
        await new MedTokenClient(ConnectDeployer(), Deployment.MedTokenAddress!.Value).TransferAsync(key.Address, MedTokenClient.FromMed(10));
        await patient.PublishAsync(Record(1), ContentType);
        await patient.PublishAsync(Record(2), ContentType);
        var scan = Record(3);

        #region Snippet:StorageQuota
        // Publishing checks the owner's on-chain quota (free + bought) against what they store: over it, nothing is
        // stored or anchored. Buying more lifts the limit at once.
        QuotaUsage usage = await patient.Wallet.GetStorageUsageAsync();
        Console.WriteLine($"{usage.UsedBytes:N0} of {usage.QuotaBytes:N0} bytes used");
        PublishedRecord published;
        try
        {
            published = await patient.PublishAsync(scan, "application/fhir+json");
        }
        catch (QuotaExceededException)
        {
            await patient.Wallet.BuyStorageAsync(gigabytes: 1);
            published = await patient.PublishAsync(scan, "application/fhir+json");
        }
        #endregion

        Assert.True(usage.AvailableBytes < scan.Length);
        Assert.Equal(FreeQuota + StorageQuotaClient.GigabyteBytes, await patient.Wallet.GetStorageQuotaAsync());
        Assert.Equal(key.Address, published.Owner);
        Assert.Equal(3, (await patient.ListMyRecordsAsync()).Count);
    }

    [Fact]
    public async Task A_batch_that_does_not_fit_is_refused_whole()
    {
        var key = await FundedKeyAsync();
        var patient = Client.GetPatientClient(key);
        var records = Enumerable.Range(0, 8)
            .Select(i => new RecordToPublish(RandomBytes(2_000, i), ContentType))
            .ToList();

        await Assert.ThrowsAsync<QuotaExceededException>(() => patient.PublishManyAsync(records));

        Assert.Equal(0, _store.Puts);
        Assert.Empty(await patient.ListMyRecordsAsync());
        Assert.Empty(await patient.GetPendingBatchesAsync().ToListAsync());
    }

    [Fact]
    public async Task Records_published_from_another_device_count_against_the_quota()
    {
        var key = await FundedKeyAsync();
        await Client.GetPatientClient(key).PublishAsync(Record(1), ContentType);
        await Client.GetPatientClient(key).PublishAsync(Record(2), ContentType);

        // A second device: a new client that never saw those publishes counts them from the chain.
        var otherDevice = ClientWithQuota().GetPatientClient(key);

        await Assert.ThrowsAsync<QuotaExceededException>(() => otherDevice.PublishAsync(Record(3), ContentType));
    }

    [Fact]
    public async Task A_stranger_publishing_under_their_own_key_uses_none_of_the_patients_quota()
    {
        var patientKey = await FundedKeyAsync();
        var stranger = Client.GetPatientClient(await FundedKeyAsync());
        await stranger.PublishAsync(Record(1), ContentType);
        await stranger.PublishAsync(Record(2), ContentType);

        var patient = ClientWithQuota().GetPatientClient(patientKey);

        Assert.Equal(0, (await patient.Wallet.GetStorageUsageAsync()).UsedBytes);
        await patient.PublishAsync(Record(3), ContentType);
        await patient.PublishAsync(Record(4), ContentType);
    }

    [Fact]
    public async Task A_provider_cannot_write_past_the_patients_quota()
    {
        var patientKey = await FundedKeyAsync();
        var providerKey = await FundedKeyAsync();
        await CertifyAsync(providerKey.Address, CredentialRole.Provider);
        var patient = Client.GetPatientClient(patientKey);
        await patient.GrantWriteAccessAsync(providerKey.Address, AccessScope.ForContentType(ContentType), "TREAT", await FromNowAsync(TimeSpan.FromHours(1)));
        await patient.PublishAsync(Record(1), ContentType);
        var provider = ClientWithQuota().GetProviderClient(providerKey);
        await provider.WriteRecordAsync(patientKey.PublicKey, Record(2), ContentType, "TREAT");
        var putsBefore = _store.Puts;

        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => provider.WriteRecordAsync(patientKey.PublicKey, Record(3), ContentType, "TREAT"));

        Assert.Contains(patientKey.Address.ToString(), refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(putsBefore, _store.Puts);
        Assert.Equal(2, (await patient.ListMyRecordsAsync()).Count);
        // The patient's own next record is refused too: the provider's record counts against the patient.
        await Assert.ThrowsAsync<QuotaExceededException>(() => ClientWithQuota().GetPatientClient(patientKey).PublishAsync(Record(4), ContentType));
    }

    [Fact]
    public async Task A_provider_batch_past_the_patients_quota_is_refused_whole()
    {
        var patientKey = await FundedKeyAsync();
        var providerKey = await FundedKeyAsync();
        await CertifyAsync(providerKey.Address, CredentialRole.Provider);
        await Client.GetPatientClient(patientKey).GrantWriteAccessAsync(providerKey.Address, AccessScope.All, "TREAT", await FromNowAsync(TimeSpan.FromHours(1)));
        var records = Enumerable.Range(0, 4).Select(i => new RecordToPublish(RandomBytes(2_500, i), ContentType)).ToList();

        await Assert.ThrowsAsync<QuotaExceededException>(() => Client.GetProviderClient(providerKey).WriteRecordsAsync(patientKey.PublicKey, records, "TREAT"));

        Assert.Equal(0, _store.Puts);
        Assert.Empty(await Client.GetPatientClient(patientKey).ListMyRecordsAsync());
        // Two of them fit.
        await Client.GetProviderClient(providerKey).WriteRecordsAsync(patientKey.PublicKey, records.Take(2).ToList(), "TREAT");
        Assert.Equal(2, (await Client.GetPatientClient(patientKey).ListMyRecordsAsync()).Count);
    }

    /// <summary>Counts the objects stored through it.</summary>
    private sealed class CountingStore(IContentStore inner) : ForwardingContentStore(inner)
    {
        private int _puts;

        public int Puts => Volatile.Read(ref _puts);

        public override Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _puts);
            return base.PutAsync(content, cancellationToken);
        }
    }
}

public sealed class StorageQuotaEnforcementOnAnvilTests(DevnetFixture fixture) : StorageQuotaEnforcementTests(fixture, ChainBackend.Anvil);

public sealed class StorageQuotaEnforcementOnEmbeddedChainTests(DevnetFixture fixture) : StorageQuotaEnforcementTests(fixture, ChainBackend.Embedded);
