using MediBloc.Sdk.Crypto;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.IntegrationTests.Contracts.AccessGrants;

[Collection(DevnetCollection.Name)]
public sealed class DelegatesGuardiansAuditTests(DevnetFixture fixture)
{
    private const string Treatment = "TREAT";

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Delegate_signs_grants_for_the_owner_while_valid_and_not_after_expiry(ChainBackend backend)
    {
        var s = await AccessGrantsTests.SetUpAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var record = await s.AnchorAsync();
        var now = await s.Chain.ChainTimeAsync();
        await s.Owner.SetDelegateAsync(s.OwnerAddress, s.DelegateAddress, now.AddHours(2));

        var granted = await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.DelegateKey));

        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
        var submitted = Assert.Single(await s.Owner.GetGrantEventsAsync(s.OwnerAddress, s.GranteeAddress).ToListAsync());
        Assert.Equal((granted.GrantId, s.DelegateAddress, AccessScopeKind.Record), (submitted.GrantId, submitted.Signer, submitted.ScopeKind));
        Assert.Equal(AccessGrantsClient.ComputePurposeId(Treatment), submitted.PurposeId);
        Assert.Equal(now.AddHours(2).ToUnixTimeSeconds(), (await s.Owner.GetDelegateValidUntilAsync(s.OwnerAddress, s.DelegateAddress))!.Value.ToUnixTimeSeconds());

        await s.Chain.IncreaseTimeAsync(TimeSpan.FromHours(3));
        var late = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(s.GrantAsync(AccessScope.All).Result, s.DelegateKey)));
        Assert.Equal("UnauthorizedSigner", late.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Delegate_revokes_grants_and_loses_the_right_when_revoked_itself(ChainBackend backend)
    {
        var s = await AccessGrantsTests.SetUpAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var record = await s.AnchorAsync();
        var now = await s.Chain.ChainTimeAsync();
        await s.Owner.SetDelegateAsync(s.OwnerAddress, s.DelegateAddress, now.AddDays(1));
        var granted = await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.OwnerKey));

        await s.Delegate.RevokeGrantAsync(granted.GrantId);
        await s.Owner.RevokeDelegateAsync(s.OwnerAddress, s.DelegateAddress);

        Assert.False(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
        Assert.Null(await s.Owner.GetDelegateValidUntilAsync(s.OwnerAddress, s.DelegateAddress));
        var e = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(s.GrantAsync(AccessScope.All).Result, s.DelegateKey)));
        Assert.Equal("UnauthorizedSigner", e.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Only_the_owner_sets_a_delegate_and_only_for_a_future_time(ChainBackend backend)
    {
        var s = await AccessGrantsTests.SetUpAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var now = await s.Chain.ChainTimeAsync();

        var stranger = await Assert.ThrowsAsync<ChainException>(() => s.Stranger.SetDelegateAsync(s.OwnerAddress, s.StrangerAddress, now.AddDays(1)));
        var past = await Assert.ThrowsAsync<ChainException>(() => s.Owner.SetDelegateAsync(s.OwnerAddress, s.DelegateAddress, now.AddSeconds(-10)));
        var revokeByStranger = await Assert.ThrowsAsync<ChainException>(() => s.Stranger.RevokeDelegateAsync(s.OwnerAddress, s.DelegateAddress));

        Assert.Equal("NotOwnerOrDelegate", stranger.RevertError);
        Assert.Equal([s.OwnerAddress.ToString(), s.StrangerAddress.ToString()], stranger.RevertArguments);
        Assert.Equal("InvalidValidity", past.RevertError);
        Assert.Equal("NotOwnerOrDelegate", revokeByStranger.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Guardian_acts_and_reads_for_a_minor_until_hand_over_and_the_minor_does_not_grant_meanwhile(ChainBackend backend)
    {
        // The owner account plays the minor.
        var s = await AccessGrantsTests.SetUpAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var record = await s.AnchorAsync();
        await s.Owner.AppointGuardianAsync(s.GuardianAddress);

        Assert.Equal(s.GuardianAddress, await s.Owner.GetGuardianAsync(s.OwnerAddress));
        Assert.True(await s.Owner.CanReadAsync(s.GuardianAddress, new RecordId(record), Treatment));
        var byMinor = await Assert.ThrowsAsync<ChainException>(() => s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(s.GrantAsync(AccessScope.All).Result, s.OwnerKey)));
        Assert.Equal("UnauthorizedSigner", byMinor.RevertError);
        await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(record))), s.GuardianKey));
        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), Treatment));
        var setDelegateByMinor = await Assert.ThrowsAsync<ChainException>(async () => await s.Owner.SetDelegateAsync(s.OwnerAddress, s.DelegateAddress, (await s.Chain.ChainTimeAsync()).AddDays(1)));
        Assert.Equal("NotOwnerOrDelegate", setDelegateByMinor.RevertError);

        await s.Guardian.HandOverAsync(s.OwnerAddress);

        Assert.Null(await s.Owner.GetGuardianAsync(s.OwnerAddress));
        Assert.False(await s.Owner.CanReadAsync(s.GuardianAddress, new RecordId(record), Treatment));
        await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.All, purpose: "HRESCH"), s.OwnerKey));
        Assert.True(await s.Owner.CanReadAsync(s.GranteeAddress, new RecordId(record), "HRESCH"));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Guardianship_refuses_a_second_guardian_the_account_itself_and_a_hand_over_by_anyone_else(ChainBackend backend)
    {
        var s = await AccessGrantsTests.SetUpAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var self = await Assert.ThrowsAsync<ChainException>(() => s.Owner.AppointGuardianAsync(s.OwnerAddress));
        await s.Owner.AppointGuardianAsync(s.GuardianAddress);

        var second = await Assert.ThrowsAsync<ChainException>(() => s.Owner.AppointGuardianAsync(s.StrangerAddress));
        var handOver = await Assert.ThrowsAsync<ChainException>(() => s.Stranger.HandOverAsync(s.OwnerAddress));

        Assert.Equal("InvalidGuardian", self.RevertError);
        Assert.Equal("GuardianAlreadyAppointed", second.RevertError);
        Assert.Equal([s.OwnerAddress.ToString(), s.GuardianAddress.ToString()], second.RevertArguments);
        Assert.Equal("NotGuardian", handOver.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Batched_read_log_records_every_read_and_the_owner_lists_them(ChainBackend backend)
    {
        var s = await AccessGrantsTests.SetUpAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var records = new[] { await s.AnchorAsync(), await s.AnchorAsync(), await s.AnchorAsync() };
        await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.All), s.OwnerKey));

        var logged = await s.Grantee.LogReadsAsync([.. records.Select(r => new RecordId(r))], Treatment);

        var reads = await s.Owner.GetReadEventsAsync(owner: s.OwnerAddress).ToListAsync();
        Assert.Equal(records.Select(r => new RecordId(r)), reads.Select(r => r.RecordId));
        Assert.All(reads, r => Assert.Equal((s.GranteeAddress, AccessGrantsClient.ComputePurposeId(Treatment), logged.TransactionHash), (r.Reader, r.PurposeId, r.TransactionHash)));
        Assert.Empty(await s.Owner.GetReadEventsAsync(reader: s.StrangerAddress).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Read_log_with_one_unpermitted_record_reverts_NotPermitted_and_logs_nothing(ChainBackend backend)
    {
        var s = await AccessGrantsTests.SetUpAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var permitted = await s.AnchorAsync();
        var forbidden = await s.AnchorAsync();
        await s.Relayer.SubmitGrantAsync(s.Owner.SignGrant(await s.GrantAsync(AccessScope.ForRecord(new RecordId(permitted))), s.OwnerKey));

        var e = await Assert.ThrowsAsync<ChainException>(() => s.Grantee.LogReadsAsync([new RecordId(permitted), new RecordId(forbidden)], Treatment));

        Assert.Equal("NotPermitted", e.RevertError);
        Assert.Equal([s.GranteeAddress.ToString(), "0x" + Convert.ToHexString(forbidden).ToLowerInvariant(), AccessGrantsClient.ComputePurposeId(Treatment)], e.RevertArguments);
        Assert.Empty(await s.Owner.GetReadEventsAsync().ToListAsync());
    }
}
