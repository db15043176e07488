using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.IntegrationTests.Spine;

/// <summary>
/// One record's journey on the real devnet: seal, store on IPFS, anchor on the chain, open, verify. The same tests
/// run on anvil (<see cref="RecordJourneyOnAnvilTests"/>) and on the embedded chain
/// (<see cref="RecordJourneyOnEmbeddedChainTests"/>); IPFS is the devnet's in both.
/// </summary>
public abstract class RecordJourneyTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    protected const string ContentType = "application/fhir+json";
    /// <summary>A blood-pressure Observation (the quickstart sample's record).</summary>
    protected static readonly byte[] Record = Encoding.UTF8.GetBytes("""
        {"resourceType":"Observation","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel"}]},"subject":{"reference":"Patient/example"},"effectiveDateTime":"2026-11-25T09:30:00Z","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":118,"unit":"mmHg"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":76,"unit":"mmHg"}}]}
        """);
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;

    protected Secp256k1PrivateKey Patient => _patient;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _provider = Own(Secp256k1PrivateKey.Generate());
    }

    [Fact]
    public async Task Provider_opens_exactly_what_the_patient_published_and_the_chain_vouches_for_it()
    {
        var published = await Client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);

        var opened = await Client.GetProviderClient(_provider).OpenAsync(published.Cid);

        Assert.Equal(Record, opened.Content.ToArray());
        Assert.Equal(ContentType, opened.ContentType);
        Assert.Equal(published.Commitment, opened.Commitment);
        Assert.Equal(_patient.Address, opened.Owner);
        Assert.True(published.GasUsed is > 21_000 and < 130_000, $"gas {published.GasUsed}"); // the first record of a content type also indexes the type
        Assert.StartsWith("0x", published.TransactionHash, StringComparison.Ordinal);
        // The envelope is really on the IPFS node, under the CID the SDK computed itself.
        var kubo = new KuboRpcClient(Devnet.IpfsApiUrl);
        await using var raw = await kubo.CatAsync(published.Cid);
        using var copy = new MemoryStream();
        await raw.CopyToAsync(copy);
        Assert.Equal(published.EnvelopeLength, copy.Length);
        Assert.Equal(published.Cid, UnixFsBuilder.Compute(copy.ToArray(), ((IpfsContentStore)Client.ContentStore).Format));
    }

    [Fact]
    public async Task The_patient_can_open_their_own_record()
    {
        var published = await Client.GetPatientClient(_patient).PublishAsync(Record, ContentType);
        var opened = await Client.GetProviderClient(_patient).OpenAsync(published.Cid);
        Assert.Equal(Record, opened.Content.ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public async Task Opening_an_envelope_with_one_byte_changed_throws_IntegrityException_naming_the_check(double where)
    {
        var published = await Client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);
        var bytes = await ReadAllAsync(published.Cid);
        var index = Math.Min(bytes.Length - 1, (int)(bytes.Length * where));
        bytes[index] ^= 0x80;
        var tamperedCid = await Client.ContentStore.PutAsync(new MemoryStream(bytes));

        var ex = await Assert.ThrowsAnyAsync<MediBlocException>(() => Client.GetProviderClient(_provider).OpenAsync(tamperedCid));

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
        var published = await Client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);
        var other = await Client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);
        var lying = NewClient(options => options.ContentStore = new SwappingStore(Client.ContentStore, published.Cid, other.Cid));

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => lying.GetProviderClient(_provider).OpenAsync(published.Cid));

        Assert.Equal(IntegrityCheck.Cid, ex.Check);
        Assert.Equal(published.Cid.ToString(), ex.Cid);
    }

    [Fact]
    public async Task A_sealed_record_that_was_never_anchored_fails_the_commitment_check()
    {
        var sealedRecord = RecordEnvelope.Seal(Record, ContentType, [_patient.PublicKey, _provider.PublicKey]);
        var cid = await Client.ContentStore.PutAsync(new MemoryStream(sealedRecord.Envelope.ToArray()));

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => Client.GetProviderClient(_provider).OpenAsync(cid));

        Assert.Equal(IntegrityCheck.Commitment, ex.Check);
        Assert.Contains("not anchored", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_the_record_was_not_sealed_to_is_denied()
    {
        var published = await Client.GetPatientClient(_patient).PublishAsync(Record, ContentType, [_provider.PublicKey]);
        using var stranger = Secp256k1PrivateKey.Generate();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetProviderClient(stranger).OpenAsync(published.Cid));

        Assert.Equal(MediBlocErrorCode.NotARecipient, ex.Code);
    }

    [Fact]
    public async Task The_error_handling_snippet_reports_code_and_message()
    {
        var published = await Client.GetPatientClient(_patient).PublishAsync(Record, ContentType);
        using var readerKey = Secp256k1PrivateKey.Generate();
        var client = Client;
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
        var deadUrl = DeadUrl();
        var client = NewClient(options => options.IpfsApiUrl = deadUrl);

        var ex = await Assert.ThrowsAsync<StorageException>(() => client.GetPatientClient(_patient).PublishAsync(Record, ContentType));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, ex.Code);
        Assert.Contains(deadUrl.Authority, ex.Message, StringComparison.Ordinal);
    }

    private async Task<byte[]> ReadAllAsync(ContentId cid)
    {
        await using var stream = await Client.ContentStore.OpenReadAsync(cid);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
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
