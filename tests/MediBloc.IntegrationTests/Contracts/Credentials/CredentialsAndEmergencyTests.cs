using MediBloc.Sdk.Crypto;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Records;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts.Credentials;

[Collection(DevnetCollection.Name)]
public sealed class CredentialsAndEmergencyTests(DevnetFixture fixture)
{
    private EvmAddress Authority => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.CredentialsAuthority].Address);
    private EvmAddress Holder => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.CredentialsHolder].Address);
    private EvmAddress Patient => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.CredentialsPatient].Address);

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Authority_certifies_a_role_until_expiry_and_the_credential_reads_back(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var (_, authority) = await DeployCredentialsAsync(chain);
        var now = await chain.ChainTimeAsync();

        await authority.CertifyAsync(Holder, CredentialRole.Provider, now.AddDays(365));

        Assert.True(await authority.HasRoleAsync(Holder, CredentialRole.Provider));
        Assert.False(await authority.HasRoleAsync(Holder, CredentialRole.Researcher));
        var credential = await authority.GetCredentialAsync(Holder, CredentialRole.Provider);
        Assert.NotNull(credential);
        Assert.Equal((Authority, false, now.AddDays(365).ToUnixTimeSeconds()), (credential.Issuer, credential.Revoked, credential.ExpiresAt.ToUnixTimeSeconds()));
        Assert.Null(await authority.GetCredentialAsync(Holder, CredentialRole.EmergencyProvider));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Credential_lapses_when_chain_time_passes_its_expiry(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var (_, authority) = await DeployCredentialsAsync(chain);
        var now = await chain.ChainTimeAsync();
        await authority.CertifyAsync(Holder, CredentialRole.Researcher, now.AddHours(1));

        await chain.IncreaseTimeAsync(TimeSpan.FromHours(2));

        Assert.False(await authority.HasRoleAsync(Holder, CredentialRole.Researcher));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Revoked_credential_no_longer_counts_and_cannot_be_revoked_twice(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var (_, authority) = await DeployCredentialsAsync(chain);
        var now = await chain.ChainTimeAsync();
        await authority.CertifyAsync(Holder, CredentialRole.Provider, now.AddDays(30));

        await authority.RevokeAsync(Holder, CredentialRole.Provider, "licence withdrawn");

        Assert.False(await authority.HasRoleAsync(Holder, CredentialRole.Provider));
        Assert.True((await authority.GetCredentialAsync(Holder, CredentialRole.Provider))!.Revoked);
        var twice = await Assert.ThrowsAsync<ChainException>(() => authority.RevokeAsync(Holder, CredentialRole.Provider, "again"));
        Assert.Equal("AlreadyRevoked", twice.RevertError);
        var never = await Assert.ThrowsAsync<ChainException>(() => authority.RevokeAsync(Holder, CredentialRole.Researcher, "never certified"));
        Assert.Equal("NotCertified", never.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Only_the_admin_appoints_authorities_and_only_authorities_certify(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var (admin, authority) = await DeployCredentialsAsync(chain);
        var holder = new CredentialsClient(chain.ConnectAccount(ChainTestKit.CredentialsHolder), admin.ContractAddress);
        var now = await chain.ChainTimeAsync();

        var notAdmin = await Assert.ThrowsAsync<ChainException>(() => authority.SetAuthorityAsync(Holder, true));
        var notAuthority = await Assert.ThrowsAsync<ChainException>(() => holder.CertifyAsync(Holder, CredentialRole.Provider, now.AddDays(1)));
        var badRole = await Assert.ThrowsAsync<ChainException>(() => authority.CertifyAsync(Holder, (CredentialRole)7, now.AddDays(1)));
        var past = await Assert.ThrowsAsync<ChainException>(() => authority.CertifyAsync(Holder, CredentialRole.Provider, now.AddSeconds(-1)));
        await admin.SetAuthorityAsync(Authority, false);
        var removed = await Assert.ThrowsAsync<ChainException>(() => authority.CertifyAsync(Holder, CredentialRole.Provider, now.AddDays(1)));

        Assert.Equal(("NotAdmin", "NotAuthority", "InvalidRole", "InvalidExpiry", "NotAuthority"), (notAdmin.RevertError, notAuthority.RevertError, badRole.RevertError, past.RevertError, removed.RevertError));
        Assert.Equal([(object?)Holder.ToString()], notAuthority.RevertArguments);
        Assert.False(await admin.IsAuthorityAsync(Authority));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Certified_emergency_provider_breaks_the_glass_on_the_vital_profile_and_the_patient_sees_it(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var (registry, emergency, patientEmergency, authority) = await DeployEmergencyAsync(chain);
        var commitment = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(commitment), "QmVitalProfile", "application/fhir+json");
        var profile = AttackSetup.RecordId(Patient, commitment);
        await patientEmergency.SetVitalProfileAsync(new RecordId(profile));
        await authority.CertifyAsync(Holder, CredentialRole.EmergencyProvider, (await chain.ChainTimeAsync()).AddDays(30));

        var access = await emergency.BreakTheGlassAsync(Patient, "unconscious on arrival");

        Assert.Equal(profile.ToHex(true), access.RecordId.ToString());
        Assert.Equal(profile.ToHex(true), (await emergency.GetVitalProfileAsync(Patient)).ToString());
        var seen = Assert.Single(await patientEmergency.GetBreakTheGlassEventsAsync(owner: Patient).ToListAsync());
        Assert.Equal((Holder, AccessGrantsClient.ComputePatientTag(Patient), access.TransactionHash), (seen.Provider, seen.PatientTag, seen.TransactionHash));
        Assert.Equal(AbiKeccak("unconscious on arrival"), seen.ReasonHash);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Break_the_glass_is_refused_without_a_live_emergency_credential_or_a_vital_profile(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var (registry, emergency, patientEmergency, authority) = await DeployEmergencyAsync(chain);
        var now = await chain.ChainTimeAsync();

        var uncertified = await Assert.ThrowsAsync<ChainException>(() => emergency.BreakTheGlassAsync(Patient, "no credential"));
        await authority.CertifyAsync(Holder, CredentialRole.Provider, now.AddDays(30));
        var wrongRole = await Assert.ThrowsAsync<ChainException>(() => emergency.BreakTheGlassAsync(Patient, "provider only"));
        await authority.CertifyAsync(Holder, CredentialRole.EmergencyProvider, now.AddDays(30));
        var noProfile = await Assert.ThrowsAsync<ChainException>(() => emergency.BreakTheGlassAsync(Patient, "no profile"));
        var commitment = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(commitment), "QmVitalProfile", "application/fhir+json");
        var profile = AttackSetup.RecordId(Patient, commitment);
        await patientEmergency.SetVitalProfileAsync(new RecordId(profile));
        await authority.RevokeAsync(Holder, CredentialRole.EmergencyProvider, "suspended");
        var revoked = await Assert.ThrowsAsync<ChainException>(() => emergency.BreakTheGlassAsync(Patient, "after revocation"));

        Assert.Equal(("NotEmergencyProvider", "NotEmergencyProvider", "NoVitalProfile", "NotEmergencyProvider"), (uncertified.RevertError, wrongRole.RevertError, noProfile.RevertError, revoked.RevertError));
        Assert.Empty(await patientEmergency.GetBreakTheGlassEventsAsync(owner: Patient).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Vital_profile_must_be_a_record_the_patient_anchored(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var (registry, emergency, patientEmergency, _) = await DeployEmergencyAsync(chain);
        var someoneElses = Convert.FromHexString((await new RecordRegistryClient(chain.ConnectAccount(ChainTestKit.CredentialsHolder), registry.ContractAddress).AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), "QmOther", "application/fhir+json")).RecordId.ToString()[2..]);

        var e = await Assert.ThrowsAsync<ChainException>(() => patientEmergency.SetVitalProfileAsync(new RecordId(AttackSetup.RecordId(Holder, someoneElses))));
        await patientEmergency.SetVitalProfileAsync(null);

        Assert.Equal("NotRecordOwner", e.RevertError);
        Assert.Null(await emergency.GetVitalProfileAsync(Patient));
    }

    private static string AbiKeccak(string text) => "0x" + new Nethereum.Util.Sha3Keccack().CalculateHash(text);

    private async Task<(CredentialsClient Admin, CredentialsClient Authority)> DeployCredentialsAsync(ChainUnderTest chain)
    {
        var admin = await CredentialsClient.DeployAsync(chain.ConnectAccount(ChainTestKit.CredentialsAdmin));
        await admin.SetAuthorityAsync(Authority, true);
        return (admin, new CredentialsClient(chain.ConnectAccount(ChainTestKit.CredentialsAuthority), admin.ContractAddress));
    }

    /// <returns>The registry as the patient, emergency access as the holder (would-be emergency provider), as the patient, and the authority.</returns>
    private async Task<(RecordRegistryClient, EmergencyAccessClient, EmergencyAccessClient, CredentialsClient)> DeployEmergencyAsync(ChainUnderTest chain)
    {
        var (admin, authority) = await DeployCredentialsAsync(chain);
        var patient = chain.ConnectAccount(ChainTestKit.CredentialsPatient);
        var registry = await RecordRegistryClient.DeployAsync(patient);
        var emergency = await EmergencyAccessClient.DeployAsync(patient, registry.ContractAddress, admin.ContractAddress);
        return (registry, new EmergencyAccessClient(chain.ConnectAccount(ChainTestKit.CredentialsHolder), emergency.ContractAddress), emergency, authority);
    }
}
