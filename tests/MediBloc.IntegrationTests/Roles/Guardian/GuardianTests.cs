using MediBloc.Sdk.Crypto;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.IntegrationTests.Roles.Guardian;

/// <summary>A guardian acts for the ward while the guardianship lasts; after hand-over it is refused. Delegations end on time. On anvil and on the embedded chain.</summary>
public abstract class GuardianTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    [Fact]
    public async Task A_guardian_opens_the_wards_record_until_hand_over_then_is_denied_with_NotPermitted()
    {
        using var ward = await Chain.FundedKeyAsync();
        using var guardianKey = await Chain.FundedKeyAsync();
        var patient = Client.GetPatientClient(ward);
        var record = await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Immunization\"}"), "application/fhir+json", [guardianKey.PublicKey]);
        await patient.Care.AppointGuardianAsync(guardianKey.Address);
        var guardian = Client.GetGuardianClient(guardianKey);

        var opened = await guardian.OpenForWardAsync(record.Cid, "TREAT");
        await guardian.HandOverAsync(ward.Address);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => guardian.OpenForWardAsync(record.Cid, "TREAT"));

        Assert.Equal(record.Commitment, opened.Commitment);
        Assert.Equal(AccessDenialCodes.NotPermitted, ex.Code);
        var trail = await patient.GetAuditTrailAsync();
        Assert.Equal(guardianKey.Address, Assert.Single(trail, e => e.Kind == AuditEntryKind.Read).Actor);
    }

    [Fact]
    public async Task A_delegation_is_visible_on_chain_until_it_is_removed()
    {
        using var owner = await Chain.FundedKeyAsync();
        using var helper = Sdk.Crypto.Secp256k1PrivateKey.Generate();
        var patient = Client.GetPatientClient(owner);
        var grants = new Sdk.Contracts.AccessGrants.AccessGrantsClient(ConnectDeployer(), Deployment.AccessGrantsAddress!.Value);
        var until = (await Chain.ChainTimeAsync()).AddDays(30);

        await patient.Care.AddDelegateAsync(helper.Address, until);
        var during = await grants.GetDelegateValidUntilAsync(owner.Address, helper.Address);
        await patient.Care.RemoveDelegateAsync(helper.Address);
        var after = await grants.GetDelegateValidUntilAsync(owner.Address, helper.Address);

        Assert.Equal(until.ToUnixTimeSeconds(), during!.Value.ToUnixTimeSeconds());
        Assert.Null(after);
    }
}

/// <summary>The guardian tests with anvil as the chain.</summary>
public sealed class GuardianOnAnvilTests(DevnetFixture fixture) : GuardianTests(fixture, ChainBackend.Anvil);

/// <summary>The guardian tests with the in-process embedded chain as the chain.</summary>
public sealed class GuardianOnEmbeddedChainTests(DevnetFixture fixture) : GuardianTests(fixture, ChainBackend.Embedded);
