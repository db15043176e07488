using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Batches;

namespace MediBloc.IntegrationTests.Batches;

/// <summary>
/// Publishing many records with one batch anchor, and opening them with full verification, on a real chain and
/// IPFS node; every tamper and denial case. The same tests run on anvil (<see cref="BatchPublishOnAnvilTests"/>) and
/// on the embedded chain (<see cref="BatchPublishOnEmbeddedChainTests"/>).
/// </summary>
public abstract class BatchPublishTests(DevnetFixture fixture, ChainBackend backend) : BatchSuite(fixture, backend)
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

    /// <summary>Records of three content types: FHIR resources of about 2 KB, plain text and PDF-like bytes.</summary>
    private List<RecordToPublish> MixedRecords(int count, params Secp256k1PublicKey[] shareWith) =>
        Enumerable.Range(0, count).Select(i => (i % 3) switch
        {
            0 => new RecordToPublish(FhirResource(i), Fhir, shareWith),
            1 => new RecordToPublish(Encoding.UTF8.GetBytes($"note {i} {Guid.NewGuid()}"), "text/plain", shareWith),
            _ => new RecordToPublish(Encoding.ASCII.GetBytes($"%PDF-1.7 report {i} {Guid.NewGuid()}"), "application/pdf", shareWith),
        }).ToList();

    private static byte[] FhirResource(int i) => Encoding.UTF8.GetBytes(
        $"{{\"resourceType\":\"Observation\",\"id\":\"obs-{i}-{Guid.NewGuid()}\",\"status\":\"final\",\"note\":[{{\"text\":\"{new string('x', 1900)}\"}}]}}");

    [Fact]
    public async Task Above_the_threshold_one_root_anchors_every_record_and_patient_and_provider_open_each_fully_verified()
    {
        var records = MixedRecords(10, _provider.PublicKey);
        var client = BatchClient();
        var patientKey = _patient;

        #region Snippet:PublishManyInOneBatch
        // Many records, one anchor: each is sealed under its own data key, one Merkle root covers them on chain.
        IReadOnlyList<PublishedRecord> published = await client.GetPatientClient(patientKey).PublishManyAsync(records);
        BatchInclusion batch = published[0].Batch!;   // the root, the batch manifest's CID, the inclusion proof
        #endregion

        Assert.Equal(10, published.Count);
        var root = batch.Root;
        Assert.All(published, p => Assert.Equal(root, p.Batch!.Root));
        Assert.All(published, p => Assert.True(RecordBatch.Verify(root, p.Batch!.Record, p.Batch.Proof)));
        Assert.Equal(records.Select(r => r.ContentType), published.Select(p => p.ContentType));
        var registry = Registry(_patient);
        var anchored = Assert.Single(await ToListAsync(registry.GetBatchAnchoredEventsAsync(owner: _patient.Address)));
        Assert.Equal(root, anchored.Root);
        Assert.Equal(10, anchored.Count);
        Assert.Equal(published[0].Batch!.ManifestCid.ToString(), anchored.ManifestCid);
        Assert.Empty(await ToListAsync(registry.GetAnchoredEventsAsync(owner: _patient.Address)));
        Assert.True(await registry.VerifyInBatchAsync(_patient.Address, root, published[7].Batch!.Record, published[7].Batch!.Proof));

        // Fresh clients: nothing cached, each finds the batch from the CID alone through the chain and the store.
        var asPatient = BatchClient().GetProviderClient(_patient);
        var asProvider = BatchClient().GetProviderClient(_provider);
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var reader in new[] { asPatient, asProvider })
            {
                var opened = await reader.OpenAsync(published[i].Cid);
                Assert.Equal(records[i].Content.ToArray(), opened.Content.ToArray());
                Assert.Equal(records[i].ContentType, opened.ContentType);
                Assert.Equal(published[i].Commitment, opened.Commitment);
                Assert.Equal(_patient.Address, opened.Owner);
                Assert.Equal(root, opened.Batch!.Root);
            }
        }
    }

    [Fact]
    public async Task Below_the_threshold_each_record_is_anchored_on_its_own()
    {
        var records = MixedRecords(3, _provider.PublicKey);

        var published = await BatchClient(threshold: 4).GetPatientClient(_patient).PublishManyAsync(records);

        Assert.All(published, p => Assert.Null(p.Batch));
        var registry = Registry(_patient);
        Assert.Equal(3, (await ToListAsync(registry.GetAnchoredEventsAsync(owner: _patient.Address))).Count);
        Assert.Empty(await ToListAsync(registry.GetBatchAnchoredEventsAsync(owner: _patient.Address)));
        var opened = await BatchClient().GetProviderClient(_provider).OpenAsync(published[2].Cid);
        Assert.Null(opened.Batch);
        Assert.Equal(records[2].Content.ToArray(), opened.Content.ToArray());
    }

    [Fact]
    public async Task At_the_threshold_the_records_are_batched_and_a_threshold_of_one_batches_a_single_record()
    {
        var atThreshold = await BatchClient(threshold: 4).GetPatientClient(_patient).PublishManyAsync(MixedRecords(4));
        var single = await BatchClient(threshold: 1).GetPatientClient(_patient).PublishManyAsync(MixedRecords(1));

        Assert.All(atThreshold, p => Assert.NotNull(p.Batch));
        var one = Assert.Single(single);
        Assert.Empty(one.Batch!.Proof.Siblings);
        Assert.Equal(RecordBatch.ComputeLeaf(one.Batch.Record), one.Batch.Root);
        Assert.Equal(one.Commitment, (await BatchClient().GetProviderClient(_patient).OpenAsync(one.Cid)).Commitment);
    }

    [Fact]
    public async Task Batch_records_are_listed_shared_found_by_the_provider_and_opened_for_a_purpose_with_the_read_audited()
    {
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        var patient = BatchClient().GetPatientClient(_patient);
        var published = await patient.PublishManyAsync(MixedRecords(9));
        var single = await patient.PublishAsync(FhirResource(99), Fhir);

        var mine = await patient.ListMyRecordsAsync();
        Assert.Equal(published.Select(p => p.Commitment).Append(single.Commitment).OrderBy(c => c.ToString()), mine.Select(m => m.Commitment).OrderBy(c => c.ToString()));

        var share = await BatchClient().GetPatientClient(_patient).ShareAsync(
            _provider.PublicKey, AccessScope.ForContentType(Fhir), Purpose, (await Chain.ChainTimeAsync()).AddHours(1));

        Assert.Equal(4, share.Records.Count);
        var provider = BatchClient().GetProviderClient(_provider);
        var listed = await ToListAsync(provider.ListSharedWithMeAsync());
        Assert.Equal(share.Records.Select(r => r.Commitment).OrderBy(c => c.ToString()), listed.Select(l => l.Commitment).OrderBy(c => c.ToString()));
        var batched = listed.First(l => l.Commitment == published[0].Commitment);
        var opened = await provider.OpenAsync(batched.Cid, Purpose);
        Assert.Equal(published[0].Commitment, opened.Commitment);
        var grants = new AccessGrantsClient(Connect(Deployer), Deployment.AccessGrantsAddress!.Value);
        var read = Assert.Single(await ToListAsync(grants.GetReadEventsAsync(owner: _patient.Address)));
        Assert.Equal(AttackSetup.RecordIdHex(_patient.Address, published[0].Commitment.ToString()), read.RecordId.ToString(), ignoreCase: true);
        Assert.Equal(10, (await patient.ListMyRecordsAsync()).Count);
        Assert.Contains(await patient.ListMyRecordsAsync(), r => r.Commitment == published[0].Commitment && r.Readers.Count == 1);
    }

    [Fact]
    public async Task A_batch_record_whose_commitment_another_account_anchored_from_the_manifest_is_taken_back_when_shared()
    {
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        var patient = BatchClient().GetPatientClient(_patient);
        var published = await patient.PublishManyAsync(MixedRecords(9));
        // Someone reads a commitment from the public batch manifest and anchors it as theirs first.
        using var copier = await FundedKeyAsync();
        var target = published[0];
        await Registry(copier).AnchorAsync(new Commitment(target.Commitment.ToBytes()), target.Cid.ToString(), target.ContentType);

        var share = await patient.ShareAsync(_provider.PublicKey, AccessScope.ForContentType(Fhir), Purpose, (await Chain.ChainTimeAsync()).AddHours(1));

        Assert.Contains(share.Records, r => r.Commitment == target.Commitment);
        var record = await Registry(_patient).GetRecordAsync(_patient.Address, new Commitment(target.Commitment.ToBytes()));
        Assert.Equal(_patient.Address, record!.Owner);
        var shared = share.Records.First(r => r.Commitment == target.Commitment);
        var opened = await BatchClient().GetProviderClient(_provider).OpenAsync(shared.Cid, Purpose);
        Assert.Equal((target.Commitment, _patient.Address), (opened.Commitment, opened.Owner));
    }

    [Fact]
    public async Task An_audited_open_of_a_batch_record_nobody_shared_is_denied_with_NotPermitted_and_says_what_to_do()
    {
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        var published = await BatchClient().GetPatientClient(_patient).PublishManyAsync(MixedRecords(8, _provider.PublicKey));

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => BatchClient().GetProviderClient(_provider).OpenAsync(published[0].Cid, Purpose));

        Assert.Equal(AccessDenialCodes.NotPermitted, ex.Code);
        Assert.Contains("batch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ShareAsync", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_proof_is_rejected_with_BatchProof()
    {
        var published = await BatchClient().GetPatientClient(_patient).PublishManyAsync(MixedRecords(8));
        var inclusion = published[3].Batch!;
        var siblings = inclusion.Proof.Siblings.ToArray();
        siblings[0] = "0x" + new string('a', 64);
        var tampered = inclusion with { Proof = inclusion.Proof with { Siblings = siblings } };

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => BatchClient().GetProviderClient(_patient).OpenAsync(published[3].Cid, tampered));

        Assert.Equal(IntegrityCheck.BatchProof, ex.Check);
        Assert.Contains("does not lead", ex.Message, StringComparison.Ordinal);
        Assert.Equal(published[3].Commitment, (await BatchClient().GetProviderClient(_patient).OpenAsync(published[3].Cid, inclusion)).Commitment);
    }

    [Fact]
    public async Task A_proof_to_the_wrong_root_or_for_another_record_is_rejected_with_BatchProof()
    {
        var patient = BatchClient().GetPatientClient(_patient);
        var first = await patient.PublishManyAsync(MixedRecords(8));
        var second = await patient.PublishManyAsync(MixedRecords(8));
        var reader = BatchClient().GetProviderClient(_patient);

        var wrongRoot = await Assert.ThrowsAsync<IntegrityException>(() => reader.OpenAsync(first[0].Cid, first[0].Batch! with { Root = second[0].Batch!.Root }));
        var otherRecord = await Assert.ThrowsAsync<IntegrityException>(() => reader.OpenAsync(first[0].Cid, first[1].Batch!));
        var otherLeaf = await Assert.ThrowsAsync<IntegrityException>(() => reader.OpenAsync(first[0].Cid, first[0].Batch! with { Proof = first[1].Batch!.Proof }));

        Assert.Equal(IntegrityCheck.BatchProof, wrongRoot.Check);
        Assert.Equal(IntegrityCheck.BatchProof, otherRecord.Check);
        Assert.Contains("is for the record with commitment", otherRecord.Message, StringComparison.Ordinal);
        Assert.Equal(IntegrityCheck.BatchProof, otherLeaf.Check);
        Assert.Contains("names leaf", otherLeaf.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_proof_to_a_root_that_is_not_on_chain_is_rejected_with_BatchProof()
    {
        var published = await BatchClient().GetPatientClient(_patient).PublishManyAsync(MixedRecords(8));
        var record = published[0].Batch!.Record;
        var unanchored = RecordBatch.Create([record, new BatchRecord(new Commitment(Enumerable.Repeat((byte)7, 32).ToArray()), published[1].Cid.ToString(), "text/plain")]);
        var inclusion = new BatchInclusion(unanchored.Root, published[0].Batch!.ManifestCid, record, unanchored.GetProof(0));

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => BatchClient().GetProviderClient(_patient).OpenAsync(published[0].Cid, inclusion));

        Assert.Equal(IntegrityCheck.BatchProof, ex.Check);
        Assert.Contains("no batch with that root is anchored", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_whose_content_type_differs_from_the_sealed_one_is_rejected_with_Anchor()
    {
        var published = await BatchClient().GetPatientClient(_patient).PublishManyAsync(MixedRecords(8));
        var inclusion = published[0].Batch!;
        var relabelled = new BatchRecord(new Commitment(inclusion.Record.Commitment.ToBytes()), inclusion.Record.Cid, "text/plain");

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => BatchClient().GetProviderClient(_patient).OpenAsync(published[0].Cid, inclusion with { Record = relabelled }));

        Assert.Equal(IntegrityCheck.Anchor, ex.Check);
    }

    [Fact]
    public async Task A_record_that_no_anchored_batch_manifest_lists_is_rejected_with_Commitment()
    {
        var client = BatchClient();
        await client.GetPatientClient(_patient).PublishManyAsync(MixedRecords(8));
        var stray = RecordEnvelope.Seal(FhirResource(1), Fhir, [_patient.PublicKey]);
        ContentId cid;
        using (var stream = new MemoryStream(stray.Envelope.ToArray()))
        {
            cid = await Store().PutAsync(stream);
        }

        var ex = await Assert.ThrowsAsync<IntegrityException>(() => BatchClient().GetProviderClient(_patient).OpenAsync(cid));

        Assert.Equal(IntegrityCheck.Commitment, ex.Check);
        Assert.Contains("nor in any anchored batch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_whose_manifest_does_not_match_its_root_lists_nothing_and_its_owner_is_told()
    {
        // The owner anchors a root but names another batch's manifest: no reader may trust that manifest's leaves.
        var published = await BatchClient().GetPatientClient(_patient).PublishManyAsync(MixedRecords(8));
        var forger = await FundedKeyAsync();
        var sealedRecord = RecordEnvelope.Seal(FhirResource(2), Fhir, [forger.PublicKey]);
        ContentId cid;
        using (var stream = new MemoryStream(sealedRecord.Envelope.ToArray()))
        {
            cid = await Store().PutAsync(stream);
        }
        var batch = RecordBatch.Create([new BatchRecord(sealedRecord.Commitment, cid.ToString(), Fhir)]);
        await Registry(forger).AnchorBatchAsync(batch, published[0].Batch!.ManifestCid.ToString());

        var open = await Assert.ThrowsAsync<IntegrityException>(() => BatchClient().GetProviderClient(forger).OpenAsync(cid));
        var list = await BatchClient().GetPatientClient(forger).ListMyRecordsAsync();
        var share = await BatchClient().GetPatientClient(forger).ShareAsync(_provider.PublicKey, AccessScope.All, Purpose, (await Chain.ChainTimeAsync()).AddHours(1));

        Assert.Equal(IntegrityCheck.Commitment, open.Check);
        Assert.Contains("does not belong to this batch", open.Message, StringComparison.Ordinal);
        Assert.Empty(list); // the batch is skipped, not listed
        Assert.Empty(share.Records);
        var skipped = Assert.Single(share.Skipped);
        Assert.Equal(ManifestProblemCodes.RootMismatch, skipped.Code);
        Assert.Equal(batch.Root, skipped.Id);
        Assert.Equal(published[0].Batch!.ManifestCid.ToString(), skipped.Cid);
        forger.Dispose();
    }

    [Fact]
    public async Task A_reader_the_batch_was_not_sealed_to_is_denied_with_NotARecipient()
    {
        var published = await BatchClient().GetPatientClient(_patient).PublishManyAsync(MixedRecords(8));

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => BatchClient().GetProviderClient(_provider).OpenAsync(published[0].Cid));

        Assert.Equal(MediBlocErrorCode.NotARecipient, ex.Code);
    }
}

/// <summary>The batch publishing tests with anvil as the chain.</summary>
public sealed class BatchPublishOnAnvilTests(DevnetFixture fixture) : BatchPublishTests(fixture, ChainBackend.Anvil);

/// <summary>The batch publishing tests with the embedded chain (and the devnet's IPFS node).</summary>
public sealed class BatchPublishOnEmbeddedChainTests(DevnetFixture fixture) : BatchPublishTests(fixture, ChainBackend.Embedded);
