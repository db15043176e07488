using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Sharing;

namespace MediBloc.IntegrationTests.Roles.Guardian;

/// <summary>A guardian acts for the ward while the guardianship lasts; after hand-over it is refused. Delegations end on time. On anvil and on the embedded chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class GuardianTests(DevnetFixture fixture)
{
    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_guardian_opens_the_wards_record_until_hand_over_then_is_denied_with_NotPermitted(ChainBackend backend)
    {
        var (chain, deployment) = await WorkflowKit.SharedDeploymentAsync(fixture.Devnet, backend);
        var client = WorkflowKit.Client(chain, deployment);
        using var ward = await chain.FundedKeyAsync();
        using var guardianKey = await chain.FundedKeyAsync();
        var patient = client.GetPatientClient(ward);
        var record = await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Immunization\"}"), "application/fhir+json", [guardianKey.PublicKey]);
        await patient.AppointGuardianAsync(guardianKey.Address.ToString());
        var guardian = client.GetGuardianClient(guardianKey);

        var opened = await guardian.OpenForWardAsync(record.Cid, "TREAT");
        await guardian.HandOverAsync(ward.Address.ToString());
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => guardian.OpenForWardAsync(record.Cid, "TREAT"));

        Assert.Equal(record.Commitment, opened.Commitment);
        Assert.Equal(AccessDenialCodes.NotPermitted, ex.Code);
        var trail = await patient.GetAuditTrailAsync();
        Assert.Equal(guardianKey.Address.ToString(), Assert.Single(trail, e => e.Kind == AuditEntryKind.Read).Actor, ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_delegation_is_visible_on_chain_until_it_is_removed(ChainBackend backend)
    {
        var (chain, deployment) = await WorkflowKit.SharedDeploymentAsync(fixture.Devnet, backend);
        var client = WorkflowKit.Client(chain, deployment);
        using var owner = await chain.FundedKeyAsync();
        using var helper = Sdk.Crypto.Secp256k1PrivateKey.Generate();
        var patient = client.GetPatientClient(owner);
        var grants = new Sdk.Contracts.AccessGrants.AccessGrantsClient(chain.ConnectAccount(WorkflowKit.Deployer), deployment.AccessGrantsAddress!);
        var until = (await chain.ChainTimeAsync()).AddDays(30);

        await patient.AddDelegateAsync(helper.Address.ToString(), until);
        var during = await grants.GetDelegateValidUntilAsync(owner.Address.ToString(), helper.Address.ToString());
        await patient.RemoveDelegateAsync(helper.Address.ToString());
        var after = await grants.GetDelegateValidUntilAsync(owner.Address.ToString(), helper.Address.ToString());

        Assert.Equal(until.ToUnixTimeSeconds(), during!.Value.ToUnixTimeSeconds());
        Assert.Null(after);
    }
}
