using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Fhir;

namespace MediBloc.IntegrationTests.Fhir;

/// <summary>
/// Consent, AuditEvent and Provenance made from what the real devnet recorded: a grant put in force by a patient's
/// share, a provider's audited read, a paramedic's break-the-glass and a revoke, each read back from the chain's
/// events and validated against base R4.
/// </summary>
public abstract class FhirFromChainTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private static readonly FhirResourceValidator Validator = new();
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);
    private static readonly string BundlePath = Path.Combine(AppContext.BaseDirectory, "Fhir", "TestData", "synthea-patient.json");
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _doctor = null!;
    private Secp256k1PrivateKey _paramedic = null!;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _doctor = await FundedKeyAsync();
        _paramedic = await FundedKeyAsync();
    }

    [Fact]
    public async Task Grants_reads_break_the_glass_and_revokes_on_chain_export_as_valid_Consents_and_BALP_AuditEvents()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await CertifyAsync(_doctor.Address, CredentialRole.Provider);
        await CertifyAsync(_paramedic.Address, CredentialRole.EmergencyProvider);
        var split = FhirBundleSplitter.Split(await File.ReadAllBytesAsync(BundlePath, ct));
        var immunization = split.Resources.First(r => r.Metadata.ResourceType == "Immunization");
        var patient = Client.GetPatientClient(_patient);

        // What the patient does: publish, share for treatment, set the emergency profile, later revoke.
        var record = await patient.PublishAsync(immunization.Json, FhirContentTypes.ResourceJson, cancellationToken: ct);
        var now = await Chain.ChainTimeAsync();
        var share = await patient.ShareAsync(_doctor.PublicKey, AccessScope.ForContentType(FhirContentTypes.ResourceJson), PurposeOfUse.Treatment, now.AddDays(30), ct);
        var profile = await patient.Care.SetEmergencyProfileAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"document\"}"), FhirContentTypes.ResourceJson, [_paramedic.PublicKey], ct);

        // What the others do: an audited read for treatment, a break-the-glass.
        var provider = Client.GetProviderClient(_doctor);
        var sharedCid = Assert.Single(share.Records).Cid;
        var opened = await provider.OpenAsync(sharedCid, PurposeOfUse.Treatment, ct);
        Assert.Equal(immunization.Json.ToArray(), opened.Content.ToArray());
        await Client.GetEmergencyClient(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene", cancellationToken: ct);
        await patient.RevokeAsync(share.GrantId, ct);

        // Read it all back from the chain's events.
        var connection = ConnectDeployer();
        var grants = new AccessGrantsClient(connection, Deployment.AccessGrantsAddress!.Value);
        var emergency = new EmergencyAccessClient(connection, Deployment.EmergencyAccessAddress!.Value);
        var grantSource = new ChainAuditSource(Chain.ChainId, grants.ContractAddress.ToString());
        var emergencySource = new ChainAuditSource(Chain.ChainId, emergency.ContractAddress.ToString());
        var submitted = await ToListAsync(grants.GetGrantEventsAsync(owner: patient.Address, cancellationToken: ct));
        var reads = await ToListAsync(grants.GetReadEventsAsync(owner: patient.Address, cancellationToken: ct));
        var revokes = await ToListAsync(grants.GetRevocationEventsAsync(owner: patient.Address, cancellationToken: ct));
        var glass = await ToListAsync(emergency.GetBreakTheGlassEventsAsync(owner: patient.Address, cancellationToken: ct));

        // The grant as a Consent: it names the grant on chain, goes inactive once revoked, and maps back to the grant.
        var grantEvent = Assert.Single(submitted);
        Assert.Equal(share.GrantId, grantEvent.GrantId, ignoreCase: true);
        var status = await grants.GetGrantAsync(grantEvent.GrantId, ct);
        var consent = AccessGrantConsent.FromGrantEvent(grantEvent, await BlockTimeAsync(grantEvent.BlockNumber), status);
        AssertValid(consent);
        Assert.Equal(Consent.ConsentState.Inactive, consent.Status);
        Assert.Equal(share.GrantId, Assert.Single(consent.Identifier, i => i.System == ChainAuditEvents.GrantIdSystem).Value, ignoreCase: true);
        var back = AccessGrantConsent.ToGrant(consent);
        Assert.Equal(patient.Address, back.Owner);
        Assert.Equal(_doctor.Address, back.Grantee);
        Assert.Equal(PurposeOfUse.Treatment, back.Purpose);
        Assert.Equal(AccessScope.ForContentType(FhirContentTypes.ResourceJson), back.Scope);
        Assert.Equal(share.ExpiresAt.ToUnixTimeSeconds(), back.ExpiresAt.ToUnixTimeSeconds());

        // Every event as a BALP AuditEvent, valid against base R4, naming the real transaction.
        var read = Assert.Single(reads);
        var readAudit = ChainAuditEvents.FromRecordRead(read, grantSource);
        var glassEvent = Assert.Single(glass);
        var glassAudit = ChainAuditEvents.FromBreakTheGlass(glassEvent, emergencySource, profile.Cid.ToString());
        var grantAudit = ChainAuditEvents.FromGrantSubmitted(grantEvent, grantSource, await BlockTimeAsync(grantEvent.BlockNumber));
        var revoke = Assert.Single(revokes);
        var revokeAudit = ChainAuditEvents.FromGrantRevoked(revoke, grantSource, await BlockTimeAsync(revoke.BlockNumber));
        foreach (var audit in new[] { grantAudit, readAudit, glassAudit, revokeAudit })
        {
            AssertValid(audit);
        }

        Assert.Equal(AttackSetup.RecordIdHex(read.Owner!.Value, record.Commitment.ToString()), read.RecordId.ToString(), ignoreCase: true);
        Assert.Equal(PurposeOfUse.Treatment, Assert.Single(readAudit.PurposeOfEvent).Coding.Single().Code);
        Assert.Equal(_doctor.Address.ToString(), Requestor(readAudit), ignoreCase: true);
        Assert.Equal(PurposeOfUse.BreakTheGlass, Assert.Single(glassAudit.PurposeOfEvent).Coding.Single().Code);
        Assert.Equal(_paramedic.Address.ToString(), Requestor(glassAudit), ignoreCase: true);
        Assert.Equal(PurposeOfUse.Treatment, Assert.Single(grantAudit.PurposeOfEvent).Coding.Single().Code);
        Assert.Equal(AuditEvent.AuditEventAction.D, revokeAudit.Action);
        Assert.Equal(patient.Address.ToString(), Requestor(revokeAudit), ignoreCase: true);
        Assert.Equal(share.TransactionHash, TransactionOf(grantAudit), ignoreCase: true);
        Assert.Equal(read.TransactionHash, TransactionOf(readAudit), ignoreCase: true);
        Assert.Equal(glassEvent.TransactionHash, TransactionOf(glassAudit), ignoreCase: true);
        Assert.True(readAudit.Recorded <= glassAudit.Recorded);

        // The patient's own trail lists the same four events in the same order.
        var trail = await patient.GetAuditTrailAsync(ct);
        Assert.Equal(
            new[] { grantEvent.TransactionHash, read.TransactionHash, glassEvent.TransactionHash, revoke.TransactionHash },
            trail.Select(e => e.TransactionHash));
    }

    [Fact]
    public async Task Device_readings_publish_as_vital_sign_Observations_that_a_provider_opens_and_that_validate()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        const string Csv = """
            time,type,value,unit,device
            2026-11-30T07:00:00Z,heart_rate,62,,watch
            2026-11-30T23:59:00Z,steps,10432,,watch
            2026-11-30T08:15:00Z,blood_pressure,121/79,mm[Hg],cuff
            2026-11-30T08:20:00Z,glucose,5.40,mmol/L,meter
            """;
        var readings = DeviceReadingImporter.ReadCsv(Csv);
        var observations = DeviceObservationMapper.ToObservations(readings, "Patient/example");
        Assert.Equal(4, observations.Count);
        var patient = Client.GetPatientClient(_patient);
        var published = new List<(byte[] Json, Sdk.Records.PublishedRecord Record)>();
        foreach (var observation in observations)
        {
            AssertValid(observation);
            var json = Encoding.UTF8.GetBytes(Serializer.SerializeToString(observation));
            published.Add((json, await patient.PublishAsync(json, FhirContentTypes.ResourceJson, [_doctor.PublicKey], timeout.Token)));
        }

        var provider = Client.GetProviderClient(_doctor);
        foreach (var (json, record) in published)
        {
            var opened = await provider.OpenAsync(record.Cid, timeout.Token);
            Assert.Equal(json, opened.Content.ToArray());
            var metadata = FhirResourceReader.Read(opened.Content).Metadata;
            Assert.Equal("Observation", metadata.ResourceType);
            Assert.Equal("Patient/example", metadata.Subject);
        }

        // The decimal travels exactly as written: 5.40 stays 5.40.
        Assert.Contains("5.40", Encoding.UTF8.GetString(published[3].Json), StringComparison.Ordinal);
        var mine = await patient.ListMyRecordsAsync(timeout.Token);
        Assert.Equal(published.Select(p => p.Record.Commitment), mine.Select(m => m.Commitment));
    }

    private static void AssertValid(Resource resource)
    {
        var result = Validator.Validate(resource);
        Assert.True(result.IsValid, $"{resource.TypeName} does not validate: {string.Join("; ", result.Errors.Select(e => $"{e.Location}: {e.Message}"))}");
    }

    private static string? Requestor(AuditEvent audit) => audit.Agent.Single(a => a.Requestor == true).Who?.Identifier?.Value;

    private static string TransactionOf(AuditEvent audit) =>
        audit.Entity.Select(e => e.What?.Identifier).Single(i => i?.System == AnchorProvenance.TransactionSystem)!.Value!.Split(':')[2];

    private async Task<DateTimeOffset> BlockTimeAsync(long blockNumber)
    {
        var block = await Chain.RpcAsync("eth_getBlockByNumber", "0x" + blockNumber.ToString("x", CultureInfo.InvariantCulture), false);
        return DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(block.GetProperty("timestamp").GetString(), 16));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

/// <summary>The FhirFromChain tests with anvil as the chain.</summary>
public sealed class FhirFromChainOnAnvilTests(DevnetFixture fixture) : FhirFromChainTests(fixture, ChainBackend.Anvil);

/// <summary>The FhirFromChain tests with the in-process embedded chain as the chain.</summary>
public sealed class FhirFromChainOnEmbeddedChainTests(DevnetFixture fixture) : FhirFromChainTests(fixture, ChainBackend.Embedded);
