using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;

namespace MediBloc.IntegrationTests.Roles.Emergency;

/// <summary>
/// Break-the-glass for the vital-info profile only, and the patient's view: my records, who reads them, my audit
/// trail. The same tests run on anvil (<see cref="EmergencyAndAuditOnAnvilTests"/>) and on the embedded chain (<see cref="EmergencyAndAuditOnEmbeddedChainTests"/>).
/// </summary>
public abstract class EmergencyAndAuditTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = "application/fhir+json";
    private static readonly byte[] Profile = Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"document\",\"id\":\"ips\"}");
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _paramedic = null!;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _paramedic = await FundedKeyAsync();
    }

    [Fact]
    public async Task A_certified_paramedic_breaks_the_glass_and_the_patient_sees_it_in_the_audit_trail()
    {
        await CertifyAsync(_paramedic.Address, CredentialRole.EmergencyProvider);
        var patient = Client.GetPatientClient(_patient);
        var profile = await patient.Care.SetEmergencyProfileAsync(Profile, Fhir, [_paramedic.PublicKey]);

        var opened = await Client.GetEmergencyClient(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene");

        Assert.Equal(Profile, opened.Content.ToArray());
        var entry = Assert.Single(await patient.GetAuditTrailAsync());
        Assert.Equal(AuditEntryKind.BreakTheGlass, entry.Kind);
        Assert.Equal(_paramedic.Address, entry.Actor);
        // The event names the patient by tag, not the record (v2): the observer learns no record id.
        Assert.Equal(AccessGrantsClient.ComputePatientTag(_patient.Address), entry.Subject, ignoreCase: true);
        Assert.Equal(profile.Commitment.ToString(), opened.Commitment.ToString(), ignoreCase: true);
    }

    [Fact]
    public async Task Break_the_glass_without_the_role_is_denied_with_NotCertified()
    {
        var patient = Client.GetPatientClient(_patient);
        await patient.Care.SetEmergencyProfileAsync(Profile, Fhir, [_paramedic.PublicKey]);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(
            () => Client.GetEmergencyClient(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene"));

        Assert.Equal(AccessDenialCodes.NotCertified, ex.Code);
        Assert.Empty(await patient.GetAuditTrailAsync());
    }

    [Fact]
    public async Task Break_the_glass_for_a_record_that_is_not_the_profile_is_denied_with_NotEmergencyRecord()
    {
        await CertifyAsync(_paramedic.Address, CredentialRole.EmergencyProvider);
        var patient = Client.GetPatientClient(_patient);
        await patient.Care.SetEmergencyProfileAsync(Profile, Fhir, [_paramedic.PublicKey]);
        var other = await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\"}"), Fhir, [_paramedic.PublicKey]);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(
            () => Client.GetEmergencyClient(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene", other.Cid));

        Assert.Equal(AccessDenialCodes.NotEmergencyRecord, ex.Code);
        Assert.Empty(await patient.GetAuditTrailAsync());
    }

    [Fact]
    public async Task The_patient_lists_who_can_read_each_record_and_the_trail_shows_grant_read_and_revoke_in_order()
    {
        using var doctor = await Chain.FundedKeyAsync();
        await CertifyAsync(doctor.Address, CredentialRole.Provider);
        var patient = Client.GetPatientClient(_patient);
        var labs = await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\"}"), Fhir);
        var note = await patient.PublishAsync(Encoding.UTF8.GetBytes("note"), "text/plain");
        var share = await patient.ShareAsync(doctor.PublicKey, AccessScope.ForContentType(Fhir), "TREAT",
            (await Chain.ChainTimeAsync()).AddHours(1));

        var records = await patient.ListMyRecordsAsync();
        await Client.GetProviderClient(doctor).OpenAsync(share.Records[0].Cid, "TREAT");
        await patient.RevokeAsync(share.GrantId);

        Assert.Equal([labs.Commitment, note.Commitment], records.Select(r => r.Commitment));
        var reader = Assert.Single(records[0].Readers);
        Assert.Equal(doctor.Address, reader.Grantee);
        Assert.Empty(records[1].Readers);
        Assert.Empty((await patient.ListMyRecordsAsync())[0].Readers);
        var trail = await patient.GetAuditTrailAsync();
        Assert.Equal([AuditEntryKind.Granted, AuditEntryKind.Read, AuditEntryKind.Revoked], trail.Select(e => e.Kind));
        Assert.Equal(AccessGrantsClient.ComputePurposeId("TREAT"), trail[1].PurposeId, ignoreCase: true);
        Assert.Equal(RecordIds.Of(labs), trail[1].Subject, ignoreCase: true);
    }
}

/// <summary>The EmergencyAndAudit tests with anvil as the chain.</summary>
public sealed class EmergencyAndAuditOnAnvilTests(DevnetFixture fixture) : EmergencyAndAuditTests(fixture, ChainBackend.Anvil);

/// <summary>The EmergencyAndAudit tests with the in-process embedded chain as the chain.</summary>
public sealed class EmergencyAndAuditOnEmbeddedChainTests(DevnetFixture fixture) : EmergencyAndAuditTests(fixture, ChainBackend.Embedded);
