using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.KeyEscrow;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;

namespace MediBloc.IntegrationTests.Roles.Emergency;

/// <summary>
/// Enforced emergency access: a vital-info profile set with key release opens only for a certified paramedic whose
/// break-the-glass the chain accepted, with the key released by 2 of 3 real key-release services (Kestrel on loopback)
/// that check the chain themselves. Runs on anvil (<see cref="EnforcedEmergencyAccessOnAnvilTests"/>) and on the
/// embedded chain behind its HTTP JSON-RPC server (<see cref="EnforcedEmergencyAccessOnEmbeddedChainTests"/>).
/// </summary>
public abstract class EnforcedEmergencyAccessTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend), IAsyncLifetime
{
    private const string Fhir = "application/fhir+json";
    private static readonly byte[] Profile = Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"document\",\"id\":\"ips-enforced\"}");
    private static readonly HttpClient Http = new();
    private KeyReleaseFarm _farm = null!;
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _paramedic = null!;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _paramedic = await FundedKeyAsync();
        await CertifyAsync(_paramedic.Address, CredentialRole.EmergencyProvider);
        _farm = await KeyReleaseFarm.StartAsync(Chain, Deployment, 3);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_farm is not null)
        {
            await _farm.DisposeAsync();
        }
        await DisposeAsync();
    }

    [Fact]
    public async Task A_certified_paramedic_who_broke_the_glass_opens_the_profile_and_the_patient_sees_the_access()
    {
        var (client, services, patientKey, paramedicKey) = (Client, _farm.Services, _patient, _paramedic);
        #region Snippet:EnforcedEmergencyAccess
        // The patient: seal the vital profile so that 2 of these 3 key-release services must agree to open it.
        var release = new EmergencyReleaseOptions { Threshold = 2 };
        foreach (var service in services)
        {
            release.Services.Add(service); // its URL and published public key
        }
        var patient = client.GetPatientClient(patientKey);
        var published = await patient.Care.SetEmergencyProfileAsync(Profile, "application/fhir+json", release);

        // A certified paramedic: break the glass on chain, then collect 2 shares and open the profile.
        var opened = await client.GetEmergencyClient(paramedicKey).BreakTheGlassAsync(patient.Address, "unconscious at scene");
        #endregion

        Assert.Equal(Profile, opened.Content.ToArray());
        Assert.Equal((published.Cid, published.Commitment, _patient.Address), (opened.Cid, opened.Commitment, opened.Owner));
        var entry = Assert.Single(await patient.GetAuditTrailAsync());
        Assert.Equal((AuditEntryKind.BreakTheGlass, _paramedic.Address), (entry.Kind, entry.Actor));
        // The manifest the chain names is public and bound to the profile record; the patient still opens the profile itself.
        Assert.NotNull(await Emergency(_patient).GetReleaseManifestAsync(_patient.Address));
        var own = RecordEnvelope.Open(await FetchAsync(published.Cid), _patient);
        Assert.Equal(Profile, own.Plaintext.ToArray());
    }

    [Fact]
    public async Task A_certified_paramedic_who_did_not_break_the_glass_is_refused_and_cannot_open_the_profile_with_its_own_key()
    {
        using var bystander = await Chain.FundedKeyAsync();
        await CertifyAsync(bystander.Address, CredentialRole.EmergencyProvider);
        var published = await Client.GetPatientClient(_patient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());

        // It names a real transaction of this patient (setting the profile), but no break-the-glass of its own.
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(
            () => Client.GetEmergencyClient(bystander).OpenAfterBreakTheGlassAsync(_patient.Address, published.TransactionHash, published.BlockNumber));
        var notRecipient = Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(FetchAsync(published.Cid).GetAwaiter().GetResult(), bystander));

        Assert.Equal(KeyReleaseCodes.NoBreakTheGlass, refused.Code);
        Assert.Equal(MediBlocErrorCode.NotARecipient, notRecipient.Code);
        Assert.Empty(await Client.GetPatientClient(_patient).GetAuditTrailAsync());
    }

    [Fact]
    public async Task A_stranger_without_a_credential_cannot_break_the_glass_and_a_paramedic_revoked_after_breaking_it_is_refused()
    {
        using var stranger = await Chain.FundedKeyAsync();
        await Client.GetPatientClient(_patient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());

        var strangerRefused = await Assert.ThrowsAsync<AccessDeniedException>(
            () => Client.GetEmergencyClient(stranger).BreakTheGlassAsync(_patient.Address, "curious"));
        // The contract refuses the stranger too when the SDK's own check is skipped.
        var onChain = await Assert.ThrowsAsync<ChainException>(() => Emergency(stranger).BreakTheGlassAsync(_patient.Address, "curious"));
        // A paramedic certified when it broke the glass, revoked since: the services check the credential now.
        using var revoked = await Chain.FundedKeyAsync();
        await CertifyAsync(revoked.Address, CredentialRole.EmergencyProvider);
        var access = await Emergency(revoked).BreakTheGlassAsync(_patient.Address, "unconscious at scene");
        await new CredentialsClient(ConnectDeployer(), Deployment.CredentialsAddress!.Value).RevokeAsync(revoked.Address, CredentialRole.EmergencyProvider, "suspended");
        var revokedRefused = await Assert.ThrowsAsync<AccessDeniedException>(
            () => Client.GetEmergencyClient(revoked).OpenAfterBreakTheGlassAsync(_patient.Address, access.TransactionHash, access.BlockNumber));

        Assert.Equal(AccessDenialCodes.NotCertified, strangerRefused.Code);
        Assert.Equal("NotEmergencyProvider", onChain.RevertError);
        Assert.Equal(AccessDenialCodes.NotCertified, revokedRefused.Code);
    }

    [Fact]
    public async Task A_paramedic_replaying_another_paramedics_break_the_glass_is_refused_and_a_copied_request_releases_nothing_it_can_open()
    {
        using var other = await Chain.FundedKeyAsync();
        await CertifyAsync(other.Address, CredentialRole.EmergencyProvider);
        await Client.GetPatientClient(_patient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        var access = await Emergency(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene");

        var replayed = await Assert.ThrowsAsync<AccessDeniedException>(
            () => Client.GetEmergencyClient(other).OpenAfterBreakTheGlassAsync(_patient.Address, access.TransactionHash, access.BlockNumber));
        // The paramedic's own signed request, copied byte for byte: the service seals the share to the signer's key only.
        var manifest = await ManifestAsync();
        var request = KeyReleaseRequest.Create(_patient.Address, access.TransactionHash, access.BlockNumber, SealedShare(manifest, 0), _paramedic);
        var (status, body) = await PostAsync(_farm.Services[0], request.ToJson());
        var released = Convert.FromBase64String(body.GetProperty("share").GetString()!);
        var notForOther = Assert.Throws<AccessDeniedException>(() => GuardianShares.Open(released, other));

        Assert.Equal(KeyReleaseCodes.NoBreakTheGlass, replayed.Code);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(MediBlocErrorCode.NotARecipient, notForOther.Code);
    }

    [Fact]
    public async Task A_break_the_glass_on_one_patient_does_not_release_another_patients_shares()
    {
        using var otherPatient = await FundedKeyAsync();
        await Client.GetPatientClient(_patient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        await Client.GetPatientClient(otherPatient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        var access = await Emergency(_paramedic).BreakTheGlassAsync(otherPatient.Address, "unconscious at scene");

        // The glass broken on the other patient, the shares of this patient's manifest.
        var request = KeyReleaseRequest.Create(otherPatient.Address, access.TransactionHash, access.BlockNumber, SealedShare(await ManifestAsync(), 0), _paramedic);
        var (status, body) = await PostAsync(_farm.Services[0], request.ToJson());

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(KeyReleaseCodes.WrongPatient.ToString(), body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task One_service_alone_cannot_open_the_profile_its_share_is_not_enough()
    {
        var published = await Client.GetPatientClient(_patient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        var manifest = await ManifestAsync();

        using var share = ReleaseShares.Open(SealedShare(manifest, 0), _farm.KeyOf(0));
        var tooFew = Assert.Throws<InvalidFormatException>(() => GuardianShares.Combine([share.Share]));
        var notRecipient = Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(FetchAsync(published.Cid).GetAwaiter().GetResult(), _farm.KeyOf(0)));
        var notItsShare = Assert.Throws<AccessDeniedException>(() => ReleaseShares.Open(SealedShare(manifest, 1), _farm.KeyOf(0)));

        Assert.Equal((_patient.Address, published.RecordId, 2), (share.Patient, share.Profile, share.Share.Threshold));
        Assert.Contains("needs 2 distinct shares", tooFew.Message, StringComparison.Ordinal);
        Assert.Equal(MediBlocErrorCode.NotARecipient, notRecipient.Code);
        Assert.Equal(MediBlocErrorCode.NotARecipient, notItsShare.Code);
    }

    [Fact]
    public async Task With_one_service_down_two_of_three_still_open_the_profile()
    {
        await Client.GetPatientClient(_patient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        await _farm.StopAsync(1);

        var opened = await Client.GetEmergencyClient(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene");

        Assert.Equal(Profile, opened.Content.ToArray());
    }

    [Fact]
    public async Task With_two_services_down_the_paramedic_gets_a_typed_error_naming_the_recorded_break_the_glass()
    {
        await Client.GetPatientClient(_patient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        await _farm.StopAsync(0);
        await _farm.StopAsync(2);

        var ex = await Assert.ThrowsAsync<KeyReleaseUnavailableException>(
            () => Client.GetEmergencyClient(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene"));

        Assert.Equal(KeyReleaseCodes.ServicesUnavailable, ex.Code);
        Assert.Equal((2, 1, 3), (ex.Threshold, ex.Released, ex.ServiceCount));
        Assert.Contains("Only 1 of 3 key-release services", ex.Message, StringComparison.Ordinal);
        var recorded = Assert.Single(await Emergency(_patient).GetBreakTheGlassEventsAsync(owner: _patient.Address).ToListAsync());
        Assert.Equal((ex.TransactionHash, ex.BlockNumber), (recorded.TransactionHash, (long?)recorded.BlockNumber));
    }

    [Fact]
    public async Task A_break_the_glass_older_than_the_release_window_is_refused()
    {
        await Client.GetPatientClient(_patient).Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        var access = await Emergency(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene");
        await Chain.IncreaseTimeAsync(TimeSpan.FromMinutes(31));

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(
            () => Client.GetEmergencyClient(_paramedic).OpenAfterBreakTheGlassAsync(_patient.Address, access.TransactionHash, access.BlockNumber));

        Assert.Equal(KeyReleaseCodes.BreakTheGlassExpired, ex.Code);
    }

    [Fact]
    public async Task A_manifest_is_bound_to_the_patients_own_profile_record_and_a_newer_profile_without_one_has_none()
    {
        using var stranger = await Chain.FundedKeyAsync();
        var patient = Client.GetPatientClient(_patient);
        var published = await patient.Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        var manifest = await Emergency(_patient).GetReleaseManifestAsync(_patient.Address);

        var notOwner = await Assert.ThrowsAsync<ChainException>(() => Emergency(stranger).SetVitalProfileWithReleaseAsync(published.RecordId, manifest!.Value));
        await patient.Care.SetEmergencyProfileAsync(Profile, Fhir, [_paramedic.PublicKey]);

        Assert.Equal("NotRecordOwner", notOwner.RevertError);
        Assert.Null(await Emergency(_patient).GetReleaseManifestAsync(_patient.Address));
        Assert.Null(await Emergency(stranger).GetReleaseManifestAsync(stranger.Address));
    }

    [Fact]
    public async Task Naming_a_record_other_than_the_profile_is_denied_before_anything_is_recorded()
    {
        var patient = Client.GetPatientClient(_patient);
        await patient.Care.SetEmergencyProfileAsync(Profile, Fhir, _farm.Release());
        var other = await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\"}"), Fhir);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(
            () => Client.GetEmergencyClient(_paramedic).BreakTheGlassAsync(_patient.Address, "unconscious at scene", other.Cid));

        Assert.Equal(AccessDenialCodes.NotEmergencyRecord, ex.Code);
        Assert.Empty(await patient.GetAuditTrailAsync());
    }

    private EmergencyAccessClient Emergency(Secp256k1PrivateKey key) => new(Connect(key), Deployment.EmergencyAccessAddress!.Value);

    private Task<byte[]> FetchAsync(ContentId cid) => Client.ContentStore.ReadVerifiedAsync(cid, 1 << 20);

    private async Task<JsonElement> ManifestAsync()
    {
        var cid = await Emergency(_patient).GetReleaseManifestAsync(_patient.Address) ?? throw new InvalidOperationException("No manifest on chain.");
        using var document = JsonDocument.Parse(await FetchAsync(cid));
        return document.RootElement.Clone();
    }

    private static byte[] SealedShare(JsonElement manifest, int index) =>
        manifest.GetProperty("services")[index].GetProperty("sealedShare").GetBytesFromBase64();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(KeyReleaseService service, byte[] json)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(new Uri(service.Endpoint, "/release"), content);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}

/// <summary>Enforced emergency access on anvil.</summary>
public sealed class EnforcedEmergencyAccessOnAnvilTests(DevnetFixture fixture) : EnforcedEmergencyAccessTests(fixture, ChainBackend.Anvil);

/// <summary>Enforced emergency access on the embedded chain.</summary>
public sealed class EnforcedEmergencyAccessOnEmbeddedChainTests(DevnetFixture fixture) : EnforcedEmergencyAccessTests(fixture, ChainBackend.Embedded);
