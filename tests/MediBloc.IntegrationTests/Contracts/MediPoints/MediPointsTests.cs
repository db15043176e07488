using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts.MediPoints;

/// <summary>MediPoints v2 on both chains: purchases, the lock and expiry of weekly lots, the reward pool, deposits and sweeps.</summary>
[Collection(DevnetCollection.Name)]
public sealed class MediPointsTests(DevnetFixture fixture)
{
    private const string FhirJson = "application/fhir+json";
    private static readonly BigInteger Price = MedTokenClient.FromMed(1) / 100;

    private EvmAddress Patient => EvmAddress.Parse(fixture.Devnet.Accounts[ChainTestKit.PointsPatient].Address);

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Only_the_admin_sets_rates_caps_treasury_and_lockers_and_the_admin_moves_in_two_steps(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);

        var rate = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.SetRateAsync(FhirJson, 1_000));
        var caps = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.SetRewardCapsAsync(1, 1));
        var treasury = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.SetTreasuryAsync(Patient));
        var locker = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.SetLockerAsync(Patient, true));
        await s.AdminPoints.SetRewardCapsAsync(50, 20);

        Assert.All([rate, caps, treasury, locker], e => Assert.Equal("NotAdmin", e.RevertError));
        Assert.Equal(new BigInteger(10), await s.AdminPoints.GetRateAsync(FhirJson));
        Assert.Equal((new BigInteger(50), new BigInteger(20)), await s.AdminPoints.GetRewardCapsAsync());
        Assert.Equal(s.AdminPoints.ContractAddress, s.PatientPoints.ContractAddress);
        Assert.Equal(chain.ConnectAccount(ChainTestKit.PointsAdmin).Address, await s.AdminPoints.GetTreasuryAsync());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Bought_points_are_locked_for_90_days_after_their_week_then_convert_to_MED(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        await s.PatientToken.ApproveAsync(s.AdminPoints.ContractAddress, 100 * Price);
        await s.PatientPoints.BuyAsync(100);
        var boughtAt = await chain.ChainTimeAsync();
        var medAfterBuy = await s.PatientToken.GetBalanceAsync(Patient);
        var lot = Assert.Single(await s.PatientPoints.GetLotsAsync(Patient));

        var locked = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.ConvertAsync(40));
        await chain.IncreaseTimeAsync(lot.UnlocksAt - boughtAt);
        await s.PatientPoints.ConvertAsync(40);

        Assert.Equal("InsufficientConvertible", locked.RevertError);
        Assert.Equal([BigInteger.Zero, new BigInteger(40)], locked.RevertArguments);
        Assert.InRange(lot.UnlocksAt - boughtAt, TimeSpan.FromDays(90), TimeSpan.FromDays(97));
        Assert.Equal(TimeSpan.FromDays(640), lot.ExpiresAt - lot.UnlocksAt);
        Assert.Equal(new BigInteger(60), await s.PatientPoints.GetBalanceAsync(Patient));
        Assert.Equal(new BigInteger(60), await s.PatientPoints.GetConvertibleAsync(Patient));
        Assert.Equal(medAfterBuy + (40 * Price), await s.PatientToken.GetBalanceAsync(Patient));
        Assert.Equal(new BigInteger(60), await s.AdminPoints.GetOutstandingPointsAsync());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Points_expire_730_days_after_their_week_and_their_MED_is_swept_to_the_treasury(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        await s.PatientToken.ApproveAsync(s.AdminPoints.ContractAddress, 50 * Price);
        await s.PatientPoints.BuyAsync(50);
        var boughtAt = await chain.ChainTimeAsync();
        var lot = Assert.Single(await s.PatientPoints.GetLotsAsync(Patient));
        var treasury = await s.AdminToken.GetBalanceAsync(await s.AdminPoints.GetTreasuryAsync());

        await chain.IncreaseTimeAsync(TimeSpan.FromDays(729));
        Assert.Equal(new BigInteger(50), await s.PatientPoints.GetBalanceAsync(Patient));
        var early = await s.PatientPoints.SweepExpiredAsync();
        await chain.IncreaseTimeAsync(lot.ExpiresAt - boughtAt - TimeSpan.FromDays(729));
        var e = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.ConvertAsync(1));
        var swept = await s.PatientPoints.SweepExpiredAsync(maxWeeks: 400);

        Assert.InRange(lot.ExpiresAt - boughtAt, TimeSpan.FromDays(730), TimeSpan.FromDays(737));
        Assert.Equal(BigInteger.Zero, early.Points);
        Assert.Equal(BigInteger.Zero, await s.PatientPoints.GetBalanceAsync(Patient));
        Assert.Equal("InsufficientConvertible", e.RevertError);
        Assert.Equal((new BigInteger(50), 50 * Price, true), (swept.Points, swept.MedAmount, swept.Complete));
        Assert.Equal(treasury + (50 * Price), await s.AdminToken.GetBalanceAsync(await s.AdminPoints.GetTreasuryAsync()));
        Assert.Equal(BigInteger.Zero, await s.AdminPoints.GetOutstandingPointsAsync());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Buying_without_a_MED_allowance_reverts_with_the_token_error(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);

        var e = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.BuyAsync(5));

        Assert.Equal("ERC20InsufficientAllowance", e.RevertError);
        Assert.Equal(BigInteger.Zero, await s.PatientPoints.GetBalanceAsync(Patient));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Anyone_funds_the_reward_pool_and_only_the_admin_withdraws_unreserved_MED_to_the_treasury(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        await s.PatientToken.ApproveAsync(s.AdminPoints.ContractAddress, MedTokenClient.FromMed(3));
        await s.PatientPoints.FundRewardPoolAsync(MedTokenClient.FromMed(3));

        var byPatient = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.WithdrawRewardPoolAsync(1));
        var tooMuch = await Assert.ThrowsAsync<ChainException>(() => s.AdminPoints.WithdrawRewardPoolAsync(MedTokenClient.FromMed(4)));
        await s.AdminPoints.WithdrawRewardPoolAsync(MedTokenClient.FromMed(1));

        Assert.Equal("NotAdmin", byPatient.RevertError);
        Assert.Equal("RewardPoolExhausted", tooMuch.RevertError);
        Assert.Equal(MedTokenClient.FromMed(2), await s.AdminPoints.GetRewardPoolAsync());
        Assert.Equal(MedTokenClient.FromMed(2), await s.AdminToken.GetBalanceAsync(s.AdminPoints.ContractAddress));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_deposit_holds_specific_points_until_its_locker_releases_or_slashes_it(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var lockerConnection = chain.ConnectAccount(ChainTestKit.PointsLocker);
        var locker = new MediPointsClient(lockerConnection, s.AdminPoints.ContractAddress);
        await s.PatientToken.ApproveAsync(s.AdminPoints.ContractAddress, 100 * Price);
        await s.PatientPoints.BuyAsync(100);
        var until = (await chain.ChainTimeAsync()).AddDays(30);

        var notLocker = await Assert.ThrowsAsync<ChainException>(() => locker.LockDepositAsync(Patient, 10, until));
        await s.AdminPoints.SetLockerAsync(lockerConnection.Address, true);
        var first = await locker.LockDepositAsync(Patient, 30, until);
        var second = await locker.LockDepositAsync(Patient, 20, until);
        var tooMuch = await Assert.ThrowsAsync<ChainException>(() => locker.LockDepositAsync(Patient, 51, until));
        var notTheirs = await Assert.ThrowsAsync<ChainException>(() => s.AdminPoints.ReleaseDepositAsync(first.DepositId));
        var held = await s.AdminPoints.GetDepositAsync(first.DepositId);
        await locker.ReleaseDepositAsync(first.DepositId);
        await locker.SlashDepositAsync(second.DepositId);
        var again = await Assert.ThrowsAsync<ChainException>(() => locker.SlashDepositAsync(first.DepositId));

        Assert.Equal("NotLocker", notLocker.RevertError);
        Assert.Equal("InsufficientPoints", tooMuch.RevertError);
        Assert.Equal([new BigInteger(50), new BigInteger(51)], tooMuch.RevertArguments);
        Assert.Equal("NotDepositLocker", notTheirs.RevertError);
        Assert.Equal("DepositNotHeld", again.RevertError);
        Assert.NotNull(held);
        Assert.Equal((first.DepositId, new BigInteger(30), DateTimeOffset.FromUnixTimeSeconds(until.ToUnixTimeSeconds()), MediPointsDepositState.Held), (held.DepositId, held.Points, held.Until, held.State));
        Assert.Equal((Patient, lockerConnection.Address), (held.Account, held.Locker));
        Assert.Equal(MediPointsDepositState.Released, (await s.AdminPoints.GetDepositAsync(first.DepositId))!.State);
        Assert.Equal(MediPointsDepositState.Slashed, (await s.AdminPoints.GetDepositAsync(second.DepositId))!.State);
        Assert.Null(await s.AdminPoints.GetDepositAsync(999));
        Assert.Equal(BigInteger.Zero, await s.PatientPoints.GetLockedAsync(Patient));
        Assert.Equal(new BigInteger(80), await s.PatientPoints.GetBalanceAsync(Patient));
        Assert.Equal(new BigInteger(80), await s.AdminPoints.GetOutstandingPointsAsync());
        Assert.True(await s.AdminPoints.IsLockerAsync(lockerConnection.Address));
    }

    private async Task<PointsSetup> SetUpAsync(ChainUnderTest chain)
    {
        var admin = chain.ConnectAccount(ChainTestKit.PointsAdmin);
        var patient = chain.ConnectAccount(ChainTestKit.PointsPatient);
        var token = await MedTokenClient.DeployAsync(admin, MedTokenClient.FromMed(1_000_000));
        var registry = await RecordRegistryClient.DeployAsync(admin);
        var points = await MediPointsClient.DeployAsync(admin, token.ContractAddress, registry.ContractAddress, Price);
        await points.SetRateAsync(FhirJson, 10);
        await token.TransferAsync(Patient, MedTokenClient.FromMed(100));
        return new PointsSetup(points, new MediPointsClient(patient, points.ContractAddress), token, new MedTokenClient(patient, token.ContractAddress));
    }

    private sealed record PointsSetup(MediPointsClient AdminPoints, MediPointsClient PatientPoints, MedTokenClient AdminToken, MedTokenClient PatientToken);
}
