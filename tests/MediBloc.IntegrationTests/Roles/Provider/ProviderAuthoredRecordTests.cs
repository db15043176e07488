using System.Numerics;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.IntegrationTests.Outbox;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Roles.Provider;

namespace MediBloc.IntegrationTests.Roles.Provider;

/// <summary>
/// A certified provider writes a record into a patient's record under the patient's write grant, on the devnet: the
/// patient owns it and sees the author, both open it, the author earns the MediPoints; and every denial.
/// </summary>
public abstract class ProviderAuthoredRecordTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = "application/fhir+json";
    private const string Pdf = "application/pdf";
    private const string Purpose = "TREAT";
    private static readonly byte[] Note = Encoding.UTF8.GetBytes("{\"resourceType\":\"Encounter\",\"id\":\"visit-1\",\"status\":\"finished\"}");
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;

    /// <summary>A suite of this class's own: it sets a reward rate, which the other workflow tests must not see.</summary>
    protected override Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> DeployAsync() =>
        OwnDeploymentAsync(async (chain, deployment) =>
            await new MediPointsClient(chain.ConnectAccount(WorkflowKit.Deployer), deployment.MediPointsAddress!.Value).SetRateAsync(Fhir, 25));

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _provider = await FundedKeyAsync();
    }

    private async Task<DateTimeOffset> InAnHourAsync() => (await Chain.ChainTimeAsync()).AddHours(1);

    private Task CertifyProviderAsync() => CertifyAsync(_provider.Address, CredentialRole.Provider);

    private MediPointsClient Points(Secp256k1PrivateKey key) =>
        new(Connect(key), Deployment.MediPointsAddress!.Value);

    [Fact]
    public async Task A_certified_provider_writes_into_the_patients_record_the_patient_lists_it_with_the_author_both_open_it_and_the_author_earns_the_points()
    {
        await CertifyProviderAsync();
        var client = Client;
        var patientKey = _patient;
        var providerKey = _provider;
        var until = await InAnHourAsync();
        var note = Note;

        #region Snippet:ProviderWritesWithConsent
        // The patient lets a certified provider write FHIR records into their record, for treatment, until a time.
        PatientClient patient = client.GetPatientClient(patientKey);
        WriteConsent consent = await patient.GrantWriteAccessAsync(
            providerKey.Address, AccessScope.ForContentType("application/fhir+json"), "TREAT", until);

        // The provider seals the record to the patient and itself, stores it and anchors it: the patient owns it,
        // the provider is its author. The registry checks the credential and the write grant on chain.
        ProviderClient provider = client.GetProviderClient(providerKey);
        AuthoredRecord written = await provider.WriteRecordAsync(patientKey.PublicKey, note, "application/fhir+json", "TREAT");

        // The patient sees it among their records, with its author; the author claims its MediPoints.
        MyRecord mine = (await patient.ListMyRecordsAsync()).Single(r => r.Commitment == written.Commitment);
        await provider.ClaimAuthoringRewardAsync(written.RecordId);
        #endregion

        Assert.Equal(_patient.Address, written.Owner);
        Assert.Equal(_provider.Address, written.Author);
        Assert.Single(await patient.ListMyRecordsAsync());
        Assert.Equal(written.Cid, mine.Cid);
        Assert.Equal(_provider.Address, mine.Author);
        var byPatient = await Client.GetProviderClient(_patient).OpenAsync(written.Cid);
        var byAuthor = await provider.OpenAsync(written.Cid);
        Assert.Equal(Note, byPatient.Content.ToArray());
        Assert.Equal(Note, byAuthor.Content.ToArray());
        Assert.Equal(_patient.Address, byPatient.Owner);
        Assert.Equal(written.Commitment.ToString(), byPatient.Commitment.ToString(), ignoreCase: true);
        var registry = new RecordRegistryClient(ConnectDeployer(), Deployment.RecordRegistryAddress);
        var recordId = RecordIds.For(written.Owner, written.Commitment.ToBytes());
        Assert.Equal(_provider.Address, await registry.GetAuthorAsync(recordId));
        var authored = Assert.Single(await provider.ListAuthoredRecordsAsync().ToListAsync());
        Assert.Equal(AccessGrantsClient.ComputePurposeId(Purpose), authored.PurposeId, ignoreCase: true);
        var trail = await patient.GetAuditTrailAsync();
        Assert.Equal([AuditEntryKind.WriteGranted, AuditEntryKind.Authored], trail.Select(e => e.Kind));
        Assert.Equal(consent.GrantId, trail[0].Subject, ignoreCase: true);
        Assert.Equal(recordId.ToString(), trail[1].Subject, ignoreCase: true);
        Assert.All(trail, e => Assert.Equal(_provider.Address, e.Actor));

        var byOwner = await Assert.ThrowsAsync<ChainException>(() => Points(_patient).ClaimRecordRewardAsync(recordId));
        var twice = await Assert.ThrowsAsync<ChainException>(() => provider.ClaimAuthoringRewardAsync(written.RecordId));

        Assert.Equal("NotRecordAuthor", byOwner.RevertError);
        Assert.Equal("AlreadyRewarded", twice.RevertError);
        Assert.Equal(new BigInteger(25), await Points(_provider).GetBalanceAsync(_provider.Address));
        Assert.Equal(BigInteger.Zero, await Points(_provider).GetBalanceAsync(_patient.Address));
    }

    [Fact]
    public async Task A_record_the_patient_anchored_itself_earns_nothing_while_the_author_of_a_written_record_earns_its_reward()
    {
        await CertifyProviderAsync();
        var patient = Client.GetPatientClient(_patient);
        await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.ForContentType(Fhir), Purpose, await InAnHourAsync());
        var written = await Client.GetProviderClient(_provider).WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose);
        var own = await patient.PublishAsync("{\"resourceType\":\"Observation\"}"u8.ToArray(), Fhir);

        var selfAnchored = await Assert.ThrowsAsync<ChainException>(() => Points(_patient).ClaimRecordRewardAsync(RecordIds.For(_patient.Address, own.Commitment.ToBytes())));
        var reward = await Client.GetProviderClient(_provider).ClaimAuthoringRewardAsync(written.RecordId);

        Assert.Equal("NotProviderAuthored", selfAnchored.RevertError);
        Assert.Equal((new BigInteger(25), written.RecordId.ToString().ToLowerInvariant()), (reward.Points, reward.RecordId.ToString().ToLowerInvariant()));
        Assert.Equal(BigInteger.Zero, await Points(_patient).GetBalanceAsync(_patient.Address));
        Assert.Equal(new BigInteger(25), await Points(_provider).GetBalanceAsync(_provider.Address));
    }

    [Fact]
    public async Task An_all_types_write_grant_covers_any_content_type_and_the_patient_lists_it_until_revoked()
    {
        await CertifyProviderAsync();
        var patient = Client.GetPatientClient(_patient);
        var consent = await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, await InAnHourAsync());
        var provider = Client.GetProviderClient(_provider);

        await provider.WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose);
        await provider.WriteRecordAsync(_patient.PublicKey, "%PDF-1.7 discharge letter"u8.ToArray(), Pdf, Purpose);
        var listed = Assert.Single(await patient.ListWriteGrantsAsync());
        await patient.RevokeAsync(consent.GrantId);

        Assert.Equal(consent.GrantId, listed.GrantId, ignoreCase: true);
        Assert.Equal(_provider.Address, listed.Grantee);
        Assert.Equal(AccessScopeKind.All, listed.ScopeKind);
        Assert.Empty(await patient.ListWriteGrantsAsync());
        Assert.Equal([Fhir, Pdf], (await patient.ListMyRecordsAsync()).Select(r => r.ContentType));
        Assert.All(await patient.ListMyRecordsAsync(), r => Assert.Equal(_provider.Address, r.Author));
    }

    [Fact]
    public async Task An_uncertified_provider_is_denied_with_NotCertified_and_nothing_is_anchored()
    {
        var patient = Client.GetPatientClient(_patient);
        await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, await InAnHourAsync());

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetProviderClient(_provider).WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));

        Assert.Equal(AccessDenialCodes.NotCertified, ex.Code);
        Assert.Empty(await patient.ListMyRecordsAsync());
    }

    [Fact]
    public async Task Without_a_write_grant_or_with_only_a_read_grant_or_for_another_purpose_the_write_is_denied_with_NoWriteConsent()
    {
        await CertifyProviderAsync();
        var patient = Client.GetPatientClient(_patient);
        var provider = Client.GetProviderClient(_provider);

        var never = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));
        await patient.ShareAsync(_provider.PublicKey, AccessScope.All, Purpose, await InAnHourAsync());
        var readOnly = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));
        await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.All, "HRESCH", await InAnHourAsync());
        var otherPurpose = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));

        Assert.Equal(AccessDenialCodes.NoWriteConsent, never.Code);
        Assert.Equal(AccessDenialCodes.NoWriteConsent, readOnly.Code);
        Assert.Equal(AccessDenialCodes.NoWriteConsent, otherPurpose.Code);
        Assert.Contains("GrantWriteAccessAsync", never.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await patient.ListMyRecordsAsync(), r => r.Author is not null);
    }

    [Fact]
    public async Task A_write_of_a_content_type_the_grant_does_not_cover_is_denied_with_WriteScopeMismatch()
    {
        await CertifyProviderAsync();
        await Client.GetPatientClient(_patient).GrantWriteAccessAsync(_provider.Address, AccessScope.ForContentType(Fhir), Purpose, await InAnHourAsync());

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => Client.GetProviderClient(_provider).WriteRecordAsync(_patient.PublicKey, "%PDF-1.7"u8.ToArray(), Pdf, Purpose));

        Assert.Equal(AccessDenialCodes.WriteScopeMismatch, ex.Code);
        Assert.Contains(Pdf, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_write_grant_is_denied_with_WriteConsentExpired()
    {
        await CertifyProviderAsync();
        var now = await Chain.ChainTimeAsync();
        await Client.GetPatientClient(_patient).GrantWriteAccessAsync(_provider.Address, AccessScope.ForContentType(Fhir), Purpose, now.AddMinutes(10));
        var provider = Client.GetProviderClient(_provider);
        await provider.WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose);

        await Chain.IncreaseTimeAsync(TimeSpan.FromMinutes(11));
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));

        Assert.Equal(AccessDenialCodes.WriteConsentExpired, ex.Code);
    }

    [Fact]
    public async Task A_revoked_write_grant_is_denied_with_WriteConsentRevoked_and_the_records_written_before_stay()
    {
        await CertifyProviderAsync();
        var patient = Client.GetPatientClient(_patient);
        var consent = await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.ForContentType(Fhir), Purpose, await InAnHourAsync());
        var provider = Client.GetProviderClient(_provider);
        var before = await provider.WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose);

        await patient.RevokeAsync(consent.GrantId);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));

        Assert.Equal(AccessDenialCodes.WriteConsentRevoked, ex.Code);
        var kept = Assert.Single(await patient.ListMyRecordsAsync());
        Assert.Equal(before.Commitment.ToString(), kept.Commitment.ToString(), ignoreCase: true);
        Assert.Equal(Note, (await Client.GetProviderClient(_patient).OpenAsync(before.Cid)).Content.ToArray());
    }

    [Fact]
    public async Task A_write_grant_revoked_between_the_check_and_the_anchor_is_refused_by_the_chain_with_NoWriteConsent_naming_the_stored_envelope()
    {
        await CertifyProviderAsync();
        var patient = Client.GetPatientClient(_patient);
        var consent = await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, await InAnHourAsync());
        // The patient revokes while the provider's envelope is being stored: after the SDK's check, before the anchor.
        var store = new RevokingStore(Client.ContentStore, () => patient.RevokeAsync(consent.GrantId));
        var racing = NewClient(options => options.ContentStore = store);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => racing.GetProviderClient(_provider).WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));

        Assert.Equal(AccessDenialCodes.NoWriteConsent, ex.Code);
        Assert.Equal(store.Stored!.ToString(), ex.Cid);
        Assert.Equal("NoWriteConsent", Assert.IsType<ChainException>(ex.InnerException).RevertError);
        Assert.Empty(await patient.ListMyRecordsAsync());
        Assert.Empty(await racing.GetPatientClient(_provider).GetPendingAsync().ToListAsync());
    }

    [Theory]
    [InlineData(PublishCrashTests.CrashPoint.AfterOutboxBeforeStore)]
    [InlineData(PublishCrashTests.CrashPoint.AfterStoreBeforeAnchor)]
    [InlineData(PublishCrashTests.CrashPoint.AfterAnchorBeforeOutboxRemoval)]
    public async Task A_write_killed_after_the_outbox_is_finished_into_the_patients_record_exactly_once_by_ResumePendingAsync(PublishCrashTests.CrashPoint crash)
    {
        await CertifyProviderAsync();
        var patient = Client.GetPatientClient(_patient);
        await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.ForContentType(Fhir), Purpose, await InAnHourAsync());
        var outbox = Directory.CreateTempSubdirectory("medibloc-authored-outbox-").FullName;
        try
        {
            await Assert.ThrowsAsync<PublishCrashTests.SimulatedCrash>(() => OutboxClient(outbox, crash).GetProviderClient(_provider).WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));

            // "Restart": a new client, the real store, the same outbox folder (the entry was written to disk as JSON).
            var provider = OutboxClient(outbox, crash: null).GetProviderClient(_provider);
            var pending = Assert.Single(await OutboxClient(outbox, null).GetPatientClient(_provider).GetPendingAsync().ToListAsync());
            Assert.Equal((_provider.Address, _patient.Address, Purpose), (pending.Owner, pending.WrittenFor, pending.Purpose));

            var finished = Assert.Single(await provider.ResumePendingAsync());

            Assert.Equal(pending.Commitment.ToString(), finished.Commitment.ToString(), ignoreCase: true);
            Assert.Equal(_patient.Address, finished.Owner);
            Assert.Empty(await provider.ResumePendingAsync());
            var authored = Assert.Single(await provider.ListAuthoredRecordsAsync().ToListAsync());
            Assert.Equal(RecordIds.For(finished.Owner, finished.Commitment), authored.RecordId);
            var mine = Assert.Single(await patient.ListMyRecordsAsync());
            Assert.Equal((finished.Cid, _provider.Address), (mine.Cid, mine.Author));
            Assert.Equal(Note, (await Client.GetProviderClient(_patient).OpenAsync(finished.Cid)).Content.ToArray());
        }
        finally
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    [Fact]
    public async Task A_write_waiting_in_the_outbox_whose_grant_is_revoked_meanwhile_is_reported_with_its_cid_and_leaves_the_outbox_while_the_next_entry_finishes()
    {
        await CertifyProviderAsync();
        var patient = Client.GetPatientClient(_patient);
        var consent = await patient.GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, await InAnHourAsync());
        using var otherKey = await Chain.FundedKeyAsync();
        var other = Client.GetPatientClient(otherKey);
        await other.GrantWriteAccessAsync(_provider.Address, AccessScope.All, Purpose, await InAnHourAsync());
        var outbox = Directory.CreateTempSubdirectory("medibloc-authored-outbox-").FullName;
        try
        {
            // Two writes left in the outbox; the first one's grant is revoked before the resume.
            await Assert.ThrowsAsync<PublishCrashTests.SimulatedCrash>(() =>
                OutboxClient(outbox, PublishCrashTests.CrashPoint.AfterStoreBeforeAnchor).GetProviderClient(_provider).WriteRecordAsync(_patient.PublicKey, Note, Fhir, Purpose));
            await Assert.ThrowsAsync<PublishCrashTests.SimulatedCrash>(() =>
                OutboxClient(outbox, PublishCrashTests.CrashPoint.AfterStoreBeforeAnchor).GetProviderClient(_provider).WriteRecordAsync(otherKey.PublicKey, Note, Fhir, Purpose));
            var pending = await OutboxClient(outbox, null).GetPatientClient(_provider).GetPendingAsync().ToListAsync();
            var refused = pending.Single(p => p.WrittenFor == _patient.Address);
            await patient.RevokeAsync(consent.GrantId);

            var provider = OutboxClient(outbox, crash: null).GetProviderClient(_provider);
            var report = await provider.ResumePendingAsync();

            var failure = Assert.Single(report.Failed);
            Assert.False(report.IsComplete);
            Assert.Equal(refused.Commitment, failure.Commitment);
            Assert.Equal(_patient.Address, failure.Owner);
            Assert.NotNull(failure.Cid);
            Assert.True(failure.LeftOutbox);
            Assert.Equal(AccessDenialCodes.NoWriteConsent, Assert.IsType<AccessDeniedException>(failure.Error).Code);
            Assert.Contains("write grant", failure.Reason, StringComparison.Ordinal);
            var finished = Assert.Single(report.Finished);
            Assert.Equal(otherKey.Address, finished.Owner);
            Assert.Empty(await OutboxClient(outbox, null).GetPatientClient(_provider).GetPendingAsync().ToListAsync());
            Assert.Empty(await patient.ListMyRecordsAsync());
            Assert.Single(await other.ListMyRecordsAsync());
        }
        finally
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    /// <summary>A client on the devnet's store and a file outbox in <paramref name="folder"/>, dying at <paramref name="crash"/>.</summary>
    private MediBlocClient OutboxClient(string folder, PublishCrashTests.CrashPoint? crash)
    {
        var store = Client.ContentStore;
        Sdk.Outbox.IRecordOutbox outbox = new Sdk.Outbox.FileRecordOutbox(folder);
        switch (crash)
        {
            case PublishCrashTests.CrashPoint.AfterOutboxBeforeStore:
                store = new PublishCrashTests.CrashingStore(store, storeBeforeCrash: false);
                break;
            case PublishCrashTests.CrashPoint.AfterStoreBeforeAnchor:
                store = new PublishCrashTests.CrashingStore(store, storeBeforeCrash: true);
                break;
            case PublishCrashTests.CrashPoint.AfterAnchorBeforeOutboxRemoval:
                outbox = new PublishCrashTests.CrashingOutbox(outbox, crashOnSave: false);
                break;
        }
        return NewClient(options =>
        {
            options.ContentStore = store;
            options.Outbox = outbox;
        });
    }

    /// <summary>The devnet's IPFS store, running an action right after the first put (to interleave a revoke).</summary>
    private sealed class RevokingStore(Sdk.Storage.IContentStore inner, Func<Task> afterPut) : ForwardingContentStore(inner)
    {
        public Sdk.Storage.ContentId? Stored { get; private set; }

        public override async Task<Sdk.Storage.ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
        {
            var cid = await Inner.PutAsync(content, cancellationToken);
            if (Stored is null)
            {
                Stored = cid;
                await afterPut();
            }
            return cid;
        }
    }

    [Fact]
    public async Task The_registry_itself_refuses_anchorFor_without_a_credential_or_a_write_grant_and_authoring_is_wired_once_by_the_deployer()
    {
        var providerConnection = Connect(_provider);
        var asProvider = new RecordRegistryClient(providerConnection, Deployment.RecordRegistryAddress);
        var patient = _patient.Address;
        const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";

        var uncertified = await Assert.ThrowsAsync<ChainException>(() => asProvider.AnchorForAsync(patient, new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir, Purpose));
        await CertifyProviderAsync();
        var noConsent = await Assert.ThrowsAsync<ChainException>(() => asProvider.AnchorForAsync(patient, new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir, Purpose));
        var rewire = await Assert.ThrowsAsync<ChainException>(() => asProvider.ConfigureAuthoringAsync(Deployment.AccessGrantsAddress!.Value, Deployment.CredentialsAddress!.Value));
        var asDeployer = new RecordRegistryClient(ConnectDeployer(), Deployment.RecordRegistryAddress);
        var twice = await Assert.ThrowsAsync<ChainException>(() => asDeployer.ConfigureAuthoringAsync(Deployment.AccessGrantsAddress!.Value, Deployment.CredentialsAddress!.Value));
        var bare = await RecordRegistryClient.DeployAsync(ConnectDeployer());
        var unwired = await Assert.ThrowsAsync<ChainException>(() => new RecordRegistryClient(providerConnection, bare.ContractAddress).AnchorForAsync(patient, new Commitment(ChainTestKit.RandomCommitment()), Cid, Fhir, Purpose));

        Assert.Equal("AuthorNotCertified", uncertified.RevertError);
        Assert.Equal("NoWriteConsent", noConsent.RevertError);
        Assert.Equal(patient, EvmAddress.Parse((string)noConsent.RevertArguments[0]!));
        Assert.Equal("NotAdmin", rewire.RevertError);
        Assert.Equal("AuthoringAlreadyConfigured", twice.RevertError);
        Assert.Equal("AuthoringNotConfigured", unwired.RevertError);
    }
}

/// <summary>The ProviderAuthoredRecord tests with anvil as the chain.</summary>
public sealed class ProviderAuthoredRecordOnAnvilTests(DevnetFixture fixture) : ProviderAuthoredRecordTests(fixture, ChainBackend.Anvil);

/// <summary>The ProviderAuthoredRecord tests with the in-process embedded chain as the chain.</summary>
public sealed class ProviderAuthoredRecordOnEmbeddedChainTests(DevnetFixture fixture) : ProviderAuthoredRecordTests(fixture, ChainBackend.Embedded);
