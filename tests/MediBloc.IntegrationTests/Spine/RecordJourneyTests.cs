using System.Net;
using System.Net.Sockets;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.IntegrationTests.Spine;

/// <summary>
/// One record's journey on the real devnet: seal, store on IPFS, anchor on the chain, open, verify. The same tests
/// run on anvil (<see cref="RecordJourneyOnAnvilTests"/>) and on the embedded chain
/// (<see cref="RecordJourneyOnEmbeddedChainTests"/>); IPFS is the devnet's in both.
/// </summary>
public abstract class RecordJourneyTests(DevnetFixture fixture, ChainBackend backend) : IAsyncLifetime
{
    protected const string ContentType = "application/fhir+json";
    /// <summary>A blood-pressure Observation (the quickstart sample's record).</summary>
    protected static readonly byte[] Record = Encoding.UTF8.GetBytes("""
        {"resourceType":"Observation","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel"}]},"subject":{"reference":"Patient/example"},"effectiveDateTime":"2026-11-25T09:30:00Z","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":118,"unit":"mmHg"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":76,"unit":"mmHg"}}]}
        """);
    private Secp256k1PrivateKey _deployer = null!;
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;
    private MediBlocClient _client = null!;
    private ChainUnderTest _chain = null!;

    protected DevnetFixture Fixture => fixture;

    protected Secp256k1PrivateKey Patient => _patient;

    protected MediBlocClient Client => _client;

    public async Task InitializeAsync()
    {
        _chain = ChainUnderTest.Create(backend, fixture.Devnet);
        _deployer = Secp256k1PrivateKey.FromHex(fixture.Devnet.Accounts[2].PrivateKey);
        _patient = Secp256k1PrivateKey.FromHex(fixture.Devnet.Accounts[3].PrivateKey);
        _provider = Secp256k1PrivateKey.Generate();
        var deployment = _chain.Embedded is { } embedded
            ? await embedded.DeployMediBlocContractsAsync(_deployer)
            : await MediBlocClient.DeployContractsAsync(fixture.Devnet.RpcUrl, _deployer);
        _client = new MediBlocClient(ChainOptions(deployment.RecordRegistryAddress, fixture.Devnet.IpfsApiUrl));
    }

    /// <summary>Client options for this test's chain (anvil's URL or the embedded chain), the given registry and IPFS node.</summary>
    private MediBlocClientOptions ChainOptions(string registry, Uri? ipfsApiUrl) => new()
    {
        ChainRpcUrl = _chain.Embedded is null ? fixture.Devnet.RpcUrl : null,
        ChainClient = _chain.Embedded?.CreateRpcClient(),
        IpfsApiUrl = ipfsApiUrl,
        RecordRegistryAddress = registry,
        Outbox = new InMemoryRecordOutbox(),
    };

    public Task DisposeAsync()
    {
        _deployer.Dispose();
        _patient.Dispose();
        _provider.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Provider_opens_exactly_what_the_patient_published_and_the_chain_vouches_for_it()
    {
        var published = await _client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);

        var opened = await _client.GetProviderClient(_provider).OpenAsync(published.Cid);

        Assert.Equal(Record, opened.Content.ToArray());
        Assert.Equal(ContentType, opened.ContentType);
        Assert.Equal(published.Commitment, opened.Commitment);
        Assert.Equal(_patient.Address.ToString(), opened.Owner, ignoreCase: true);
        Assert.True(published.GasUsed is > 21_000 and < 130_000, $"gas {published.GasUsed}"); // the first record of a content type also indexes the type
        Assert.StartsWith("0x", published.TransactionHash, StringComparison.Ordinal);
        // The envelope is really on the IPFS node, under the CID the SDK computed itself.
        var kubo = new KuboRpcClient(fixture.Devnet.IpfsApiUrl);
        await using var raw = await kubo.CatAsync(published.Cid);
        using var copy = new MemoryStream();
        await raw.CopyToAsync(copy);
        Assert.Equal(published.EnvelopeLength, copy.Length);
        Assert.Equal(published.Cid, UnixFsBuilder.Compute(copy.ToArray(), ((IpfsContentStore)_client.ContentStore).Format));
    }

    [Fact]
    public async Task The_patient_can_open_their_own_record()
    {
        var published = await _client.GetPatientClient(_patient).PublishAsync(Record, ContentType);
        var opened = await _client.GetProviderClient(_patient).OpenAsync(published.Cid);
        Assert.Equal(Record, opened.Content.ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public async Task Opening_an_envelope_with_one_byte_changed_throws_IntegrityException_naming_the_check(double where)
    {
        var published = await _client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);
        var bytes = await ReadAllAsync(published.Cid);
        var index = Math.Min(bytes.Length - 1, (int)(bytes.Length * where));
        bytes[index] ^= 0x80;
        var tamperedCid = await _client.ContentStore.PutAsync(new MemoryStream(bytes));

        var ex = await Assert.ThrowsAnyAsync<MediBlocException>(() => _client.GetProviderClient(_provider).OpenAsync(tamperedCid));

        // Depending on where the byte is, the header parse, a wrap, the key commitment or the payload tag fails:
        // always a typed integrity failure (or, for a damaged wrap, "not a recipient"), never plaintext.
        Assert.True(ex is IntegrityException or AccessDeniedException, ex.ToString());
        Assert.Equal(tamperedCid.ToString(), ex.Cid);
        if (ex is IntegrityException integrity)
        {
            Assert.Contains(integrity.Check, new[] { IntegrityCheck.Tag, IntegrityCheck.Format, IntegrityCheck.KeyCommitment });
        }
    }

    [Fact]
    public async Task A_content_store_that_returns_other_bytes_is_caught_by_the_CID_check()
    {
        var published = await _client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);
        var other = await _client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);
        var options = ChainOptions(_client.RecordRegistryAddress, ipfsApiUrl: null);
        options.ContentStore = new SwappingStore(_client.ContentStore, published.Cid, other.Cid);
        var lying = new MediBlocClient(options);

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => lying.GetProviderClient(_provider).OpenAsync(published.Cid));

        Assert.Equal(IntegrityCheck.Cid, ex.Check);
        Assert.Equal(published.Cid.ToString(), ex.Cid);
    }

    [Fact]
    public async Task A_sealed_record_that_was_never_anchored_fails_the_commitment_check()
    {
        var sealedRecord = RecordEnvelope.Seal(Record, ContentType, [_patient.PublicKey, _provider.PublicKey]);
        var cid = await _client.ContentStore.PutAsync(new MemoryStream(sealedRecord.Envelope.ToArray()));

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => _client.GetProviderClient(_provider).OpenAsync(cid));

        Assert.Equal(IntegrityCheck.Commitment, ex.Check);
        Assert.Contains("not anchored", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_the_record_was_not_sealed_to_is_denied()
    {
        var published = await _client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);
        using var stranger = Secp256k1PrivateKey.Generate();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => _client.GetProviderClient(stranger).OpenAsync(published.Cid));

        Assert.Equal(MediBlocErrorCode.NotARecipient, ex.Code);
    }

    [Fact]
    public async Task The_error_handling_snippet_reports_code_and_message()
    {
        var published = await _client.GetPatientClient(_patient).PublishAsync(Record, ContentType);
        using var readerKey = Secp256k1PrivateKey.Generate();
        var client = _client;
        var cid = published.Cid;
        string? reported = null;

        #region Snippet:CatchingErrors
        try
        {
            OpenedRecord record = await client.GetProviderClient(readerKey).OpenAsync(cid);
        }
        catch (IntegrityException ex) when (ex.Check == IntegrityCheck.Commitment)
        {
            reported = "not anchored: " + ex.Message;
        }
        catch (MediBlocException ex)
        {
            reported = $"{ex.Code}: {ex.Message}";
        }
        #endregion

        Assert.NotNull(reported);
        Assert.StartsWith("NotARecipient: ", reported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_IPFS_node_that_is_down_gives_a_StorageException_naming_the_URL_not_a_hang()
    {
        var deadUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var client = new MediBlocClient(ChainOptions(_client.RecordRegistryAddress, deadUrl));

        var ex = await Assert.ThrowsAsync<StorageException>(() => client.GetPatientClient(_patient).PublishAsync(Record, ContentType));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, ex.Code);
        Assert.Contains(deadUrl.Authority, ex.Message, StringComparison.Ordinal);
    }

    private async Task<byte[]> ReadAllAsync(ContentId cid)
    {
        await using var stream = await _client.ContentStore.OpenReadAsync(cid);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    protected static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A store that answers one CID with another object's bytes, unverified.</summary>
    private sealed class SwappingStore(IContentStore inner, ContentId asked, ContentId served) : IContentStore
    {
        public Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(content, cancellationToken);
        public Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) =>
            inner.OpenReadAsync(cid == asked ? served : cid, cancellationToken);
        public Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.ExistsAsync(cid, cancellationToken);
        public Task PinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.PinAsync(cid, cancellationToken);
        public Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.UnpinAsync(cid, cancellationToken);
        public Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.GetInfoAsync(cid, cancellationToken);
        public IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
        public Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);
    }
}
