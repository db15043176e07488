using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Records;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts.AccessGrants;

/// <summary>
/// Issue 13, attacks 9, 10 and 12, performed by an adversary with its own funded key on both chains: grants that come
/// back, delegates and guardians outliving their right, and a paramedic past the break-the-glass rate limit. Each
/// attack must fail, with the state it aimed at unchanged.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class AccessAttackTests(DevnetFixture fixture)
{
    private const string Treatment = "TREAT";

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Grantee_cannot_restore_an_older_longer_grant_after_the_owner_shortened_or_revoked_it(ChainBackend backend)
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var record = await s.AnchorAsync();
        var now = await s.Chain.ChainTimeAsync();
        var scope = AccessScope.ForRecord(new RecordId(record));
        // The owner gave the attacker a year, and signed a second two-year grant the attacker kept back.
        var year = await s.SignAsync(scope, now.AddYears(1));
        var kept = await s.SignAsync(scope, now.AddYears(2));
        await s.Attacker.SubmitGrantAsync(year);
        // The owner shortens it to a day.
        await s.Owner.SubmitGrantAsync(await s.SignAsync(scope, now.AddDays(1)));

        var older = await Assert.ThrowsAsync<ChainException>(() => s.Attacker.SubmitGrantAsync(kept));
        var again = await Assert.ThrowsAsync<ChainException>(() => s.Attacker.SubmitGrantAsync(year));

        Assert.Equal(("StaleGrant", "GrantExists"), (older.RevertError, again.RevertError));
        // Then revokes: a grant signed before the revocation (against the shortened grant's version) stays dead too.
        var beforeRevoke = await s.SignAsync(scope, now.AddYears(3));
        await s.Owner.RevokeGrantInForceAsync(s.OwnerAddress, s.AttackerAddress, scope, Treatment);
        var afterRevoke = await Assert.ThrowsAsync<ChainException>(() => s.Attacker.SubmitGrantAsync(beforeRevoke));
        Assert.Equal("StaleGrant", afterRevoke.RevertError);
        Assert.False(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_cancelled_unsubmitted_grant_cannot_be_submitted(ChainBackend backend)
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var record = await s.AnchorAsync();
        var signed = await s.SignAsync(AccessScope.All, (await s.Chain.ChainTimeAsync()).AddYears(1));

        await s.Owner.CancelGrantAsync(signed.Grant);
        var e = await Assert.ThrowsAsync<ChainException>(() => s.Attacker.SubmitGrantAsync(signed));

        Assert.Equal("GrantVoided", e.RevertError);
        Assert.True((await s.Owner.GetGrantAsync(signed.GrantId))!.Revoked);
        Assert.False(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task An_epoch_bump_voids_every_signature_the_attacker_holds_and_every_grant_in_force(ChainBackend backend)
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var record = await s.AnchorAsync();
        var now = await s.Chain.ChainTimeAsync();
        var inForce = await s.Attacker.SubmitGrantAsync(await s.SignAsync(AccessScope.All, now.AddYears(1)));
        var held = await s.SignAsync(AccessScope.ForRecord(new RecordId(record)), now.AddYears(1));

        await s.Owner.BumpEpochAsync(s.OwnerAddress);
        var e = await Assert.ThrowsAsync<ChainException>(() => s.Attacker.SubmitGrantAsync(held));

        Assert.Equal("WrongEpoch", e.RevertError);
        Assert.False(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
        Assert.True((await s.Owner.GetGrantAsync(inForce.GrantId))!.Voided);
        Assert.Equal(1u, await s.Owner.GetEpochAsync(s.OwnerAddress));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_two_hour_delegates_max_expiry_all_records_grant_dies_with_the_delegation(ChainBackend backend)
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var record = await s.AnchorAsync();
        var now = await s.Chain.ChainTimeAsync();
        await s.Owner.SetDelegateAsync(s.OwnerAddress, s.AttackerAddress, now.AddHours(2));
        var forever = await s.Attacker.PrepareGrantAsync(new AccessGrant(s.OwnerAddress, s.AttackerAddress, AccessScope.All, Treatment, DateTimeOffset.MaxValue));

        var submitted = await s.Attacker.SubmitGrantAsync(s.Attacker.SignGrant(forever, s.AttackerKey));
        Assert.True(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
        Assert.Equal(now.AddHours(2).ToUnixTimeSeconds(), (await s.Owner.GetGrantAsync(submitted.GrantId))!.ExpiresAt.ToUnixTimeSeconds());

        await s.Chain.IncreaseTimeAsync(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(5));
        Assert.False(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
        // The owner delegates again (a new delegation): the old grant stays dead.
        await s.Owner.SetDelegateAsync(s.OwnerAddress, s.AttackerAddress, (await s.Chain.ChainTimeAsync()).AddHours(2));
        Assert.False(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_delegate_the_guardian_set_before_hand_over_is_gone_after_it(ChainBackend backend)
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        await s.OwnerAsMinor.AppointGuardianAsync(s.GuardianAddress);
        await s.Guardian.SetDelegateAsync(s.OwnerAddress, s.AttackerAddress, (await s.Chain.ChainTimeAsync()).AddYears(10));

        await s.Guardian.HandOverAsync(s.OwnerAddress);
        var grant = await s.Attacker.PrepareGrantAsync(new AccessGrant(s.OwnerAddress, s.AttackerAddress, AccessScope.All, Treatment, DateTimeOffset.MaxValue));
        var e = await Assert.ThrowsAsync<ChainException>(() => s.Attacker.SubmitGrantAsync(s.Attacker.SignGrant(grant, s.AttackerKey)));

        Assert.Equal("UnauthorizedSigner", e.RevertError);
        Assert.Null(await s.Owner.GetDelegateValidUntilAsync(s.OwnerAddress, s.AttackerAddress));
        Assert.Null(await s.Owner.GetGuardianAsync(s.OwnerAddress));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_trapped_patient_removes_the_guardian_after_the_time_lock(ChainBackend backend)
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var record = await s.AnchorAsync();
        await s.OwnerAsMinor.AppointGuardianAsync(s.AttackerAddress); // tricked
        var grab = await s.Attacker.PrepareGrantAsync(new AccessGrant(s.OwnerAddress, s.AttackerAddress, AccessScope.All, Treatment, DateTimeOffset.MaxValue));
        await s.Attacker.SubmitGrantAsync(s.Attacker.SignGrant(grab, s.AttackerKey));

        await s.OwnerAsMinor.RequestGuardianRemovalAsync();
        var early = await Assert.ThrowsAsync<ChainException>(() => s.OwnerAsMinor.RemoveGuardianAsync());
        var block = await Assert.ThrowsAsync<ChainException>(() => s.Attacker.CancelGuardianRemovalAsync());
        Assert.Equal(("GuardianRemovalLocked", "GuardianRemovalLocked"), (early.RevertError, block.RevertError));
        Assert.Equal(AccessGrantsClient.GuardianRemovalDelay, (await s.Owner.GetGuardianRemovalAtAsync(s.OwnerAddress))!.Value - await s.Chain.ChainTimeAsync(), new ToleranceComparer(TimeSpan.FromMinutes(1)));

        await s.Chain.IncreaseTimeAsync(AccessGrantsClient.GuardianRemovalDelay + TimeSpan.FromSeconds(5));
        await s.OwnerAsMinor.RemoveGuardianAsync();

        Assert.Null(await s.Owner.GetGuardianAsync(s.OwnerAddress));
        Assert.False(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
        var after = await s.Attacker.PrepareGrantAsync(grab with { Salt = null });
        var refused = await Assert.ThrowsAsync<ChainException>(() => s.Attacker.SubmitGrantAsync(s.Attacker.SignGrant(after, s.AttackerKey)));
        Assert.Equal("UnauthorizedSigner", refused.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_paramedic_over_the_rate_limit_gets_a_typed_error_and_the_pointer_is_the_newest_version(ChainBackend backend)
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(backend, fixture.Devnet));
        var (patient, paramedic) = await s.EmergencyAsync();
        var v1 = ChainTestKit.RandomCommitment();
        var v2 = ChainTestKit.RandomCommitment();
        await s.Registry.AnchorAsync(new Commitment(v1), "QmVitalProfileV1", "application/fhir+json");
        await patient.SetVitalProfileAsync(new RecordId(AttackSetup.RecordId(s.OwnerAddress, v1)));
        await s.Registry.SupersedeAsync(new Commitment(v1), new Commitment(v2), "QmVitalProfileV2", "application/fhir+json");

        var first = await paramedic.BreakTheGlassAsync(s.OwnerAddress, "unconscious on arrival");
        var second = await Assert.ThrowsAsync<EmergencyRateLimitException>(() => paramedic.BreakTheGlassAsync(s.OwnerAddress, "again"));

        Assert.Equal(AttackSetup.RecordId(s.OwnerAddress, v2).ToHex(true), first.RecordId.ToString());
        Assert.Equal(EmergencyCodes.PatientRateLimited, second.Code);
        Assert.Equal("PatientRateLimited", second.RevertError);
        var at = (await s.Chain.ChainTimeAsync()).ToUnixTimeSeconds();
        Assert.InRange(second.RetryAt.ToUnixTimeSeconds(), at + 3500, at + 3600);
        Assert.Equal(second.RetryAt, await paramedic.GetNextAccessAtAsync(s.AttackerAddress, s.OwnerAddress));
        var logged = Assert.Single(await patient.GetBreakTheGlassEventsAsync(owner: s.OwnerAddress).ToListAsync());
        Assert.Equal((s.AttackerAddress, AccessGrantsClient.ComputePatientTag(s.OwnerAddress)), (logged.Provider, logged.PatientTag));
    }

    private sealed class ToleranceComparer(TimeSpan tolerance) : IEqualityComparer<TimeSpan>
    {
        public bool Equals(TimeSpan x, TimeSpan y) => (x - y).Duration() <= tolerance;

        public int GetHashCode(TimeSpan obj) => 0;
    }
}
