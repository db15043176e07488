using System.Numerics;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts.MediPoints;

/// <summary>
/// Issue 13's attacks on MediPoints, each by an adversary with its own funded key: free points then insolvency
/// (attack 1) and deposits on expiring points, count locks and unbounded lots (attack 11). Every attack fails.
/// </summary>
public abstract class EconomyAttackTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = "application/fhir+json";
    private const string Purpose = "TREAT";
    private const int Rate = 10;
    private const int AuthorCap = 30;
    private static readonly BigInteger Price = MediBlocClient.MedPerPoint;

    /// <summary>A deployment of this class's own: a reward rate and low weekly caps that other classes must not see.</summary>
    protected override Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> DeployAsync() =>
        OwnDeploymentAsync(async (chain, deployment) =>
        {
            var points = new MediPointsClient(chain.ConnectAccount(WorkflowKit.Deployer, WorkflowKit.FastOptions()), deployment.MediPointsAddress!.Value);
            await points.SetRateAsync(Fhir, Rate);
            await points.SetRewardCapsAsync(AuthorCap, 1_000);
        });

    [Fact]
    public async Task Attack1_anchoring_records_at_will_mints_no_points()
    {
        var adversary = await Adversary.CreateAsync(Chain);
        var connection = adversary.Connect(WorkflowKit.FastOptions());
        var registry = new RecordRegistryClient(connection, Deployment.RecordRegistryAddress);
        var points = new MediPointsClient(connection, Deployment.MediPointsAddress!.Value);
        var outstanding = await points.GetOutstandingPointsAsync();

        var refusals = new List<ChainException>();
        for (var i = 0; i < 3; i++)
        {
            var commitment = ChainTestKit.RandomCommitment();
            await registry.AnchorAsync(new Commitment(commitment), "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", Fhir);
            refusals.Add(await Assert.ThrowsAsync<ChainException>(() => points.ClaimRecordRewardAsync(RecordIds.For(adversary.Address, commitment))));
        }
        var random = await Assert.ThrowsAsync<ChainException>(() => points.ClaimRecordRewardAsync(new RecordId(ChainTestKit.RandomCommitment())));

        Assert.All(refusals, e => Assert.Equal("NotProviderAuthored", e.RevertError));
        Assert.Equal("UnknownRecord", random.RevertError);
        Assert.Equal(BigInteger.Zero, await points.GetBalanceAsync(adversary.Address));
        Assert.Equal(outstanding, await points.GetOutstandingPointsAsync());
    }

    [Fact]
    public async Task Attack1_a_certified_providers_rewards_stop_at_the_weekly_cap_however_many_records_it_writes()
    {
        var adversary = await Adversary.CreateAsync(Chain);
        using var adversaryKey = Secp256k1PrivateKey.FromHex(adversary.PrivateKey);
        await CertifyAsync(adversary.Address, CredentialRole.Provider);
        using var sybil = await Chain.FundedKeyAsync();
        await Client.GetPatientClient(sybil).GrantWriteAccessAsync(adversary.Address, AccessScope.ForContentType(Fhir), Purpose, (await Chain.ChainTimeAsync()).AddHours(1));
        var provider = Client.GetProviderClient(adversaryKey);

        var earned = BigInteger.Zero;
        ChainException? capped = null;
        for (var i = 0; i <= AuthorCap / Rate && capped is null; i++)
        {
            var written = await provider.WriteRecordAsync(sybil.PublicKey, Encoding.UTF8.GetBytes($"{{\"resourceType\":\"Observation\",\"id\":\"junk-{i}\"}}"), Fhir, Purpose);
            try
            {
                earned += (await provider.ClaimAuthoringRewardAsync(RecordIds.For(written.Owner, written.Commitment))).Points;
            }
            catch (ChainException e)
            {
                capped = e;
            }
        }

        Assert.NotNull(capped);
        Assert.Equal("AuthorRewardCapReached", capped.RevertError);
        Assert.Equal(new BigInteger(AuthorCap), earned);
        Assert.Equal(new BigInteger(AuthorCap), await new MediPointsClient(adversary.Connect(), Deployment.MediPointsAddress!.Value).GetBalanceAsync(adversary.Address));
    }

    [Fact]
    public async Task Attack1_conversion_pays_only_MED_that_buyers_and_the_reward_pool_put_in()
    {
        var deployer = ConnectDeployer();
        // A MediPoints whose reward pool nobody funded, on the same registry.
        var unfunded = await MediPointsClient.DeployAsync(deployer, Deployment.MedTokenAddress!.Value, Deployment.RecordRegistryAddress, Price);
        await unfunded.SetRateAsync(Fhir, Rate);
        var adversary = await Adversary.CreateAsync(Chain);
        using var adversaryKey = Secp256k1PrivateKey.FromHex(adversary.PrivateKey);
        await CertifyAsync(adversary.Address, CredentialRole.Provider);
        using var sybil = await Chain.FundedKeyAsync();
        await Client.GetPatientClient(sybil).GrantWriteAccessAsync(adversary.Address, AccessScope.ForContentType(Fhir), Purpose, (await Chain.ChainTimeAsync()).AddHours(1));
        var written = await Client.GetProviderClient(adversaryKey).WriteRecordAsync(sybil.PublicKey, Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\"}"), Fhir, Purpose);
        var connection = adversary.Connect(WorkflowKit.FastOptions());
        var points = new MediPointsClient(connection, unfunded.ContractAddress);
        var token = new MedTokenClient(connection, Deployment.MedTokenAddress.Value);
        // A fresh connection: certifying went through another connection of the deployer's account.
        await new MedTokenClient(ConnectDeployer(), Deployment.MedTokenAddress.Value).TransferAsync(adversary.Address, 100 * Price);

        var noPool = await Assert.ThrowsAsync<ChainException>(() => points.ClaimRecordRewardAsync(RecordIds.For(written.Owner, written.Commitment)));
        await token.ApproveAsync(points.ContractAddress, 100 * Price);
        await points.BuyAsync(100);
        var lot = Assert.Single(await points.GetLotsAsync(adversary.Address));
        await Chain.IncreaseTimeAsync(lot.UnlocksAt - await Chain.ChainTimeAsync() + TimeSpan.FromMinutes(1));
        var more = await Assert.ThrowsAsync<ChainException>(() => points.ConvertAsync(101));
        await points.ConvertAsync(100);

        Assert.Equal("RewardPoolExhausted", noPool.RevertError);
        Assert.Equal([BigInteger.Zero, Rate * Price], noPool.RevertArguments);
        Assert.Equal("InsufficientConvertible", more.RevertError);
        Assert.Equal(100 * Price, await token.GetBalanceAsync(adversary.Address));
        Assert.Equal(BigInteger.Zero, await token.GetBalanceAsync(points.ContractAddress));
    }

    [Fact]
    public async Task Attack11_a_deposit_of_points_about_to_expire_is_refused_and_a_slash_burns_points_that_exist()
    {
        var (Chain, points, locker, adversary, token) = await DepositSetUpAsync();
        await points.BuyAsync(100);
        await Chain.IncreaseTimeAsync(TimeSpan.FromDays(700));
        var term = (await Chain.ChainTimeAsync()).AddDays(60);

        var expiring = await Assert.ThrowsAsync<ChainException>(() => locker.LockDepositAsync(adversary.Address, 50, term));
        await points.BuyAsync(50);
        var deposit = await locker.LockDepositAsync(adversary.Address, 50, term);
        await Chain.IncreaseTimeAsync(TimeSpan.FromDays(59));
        var freeAtSlash = await points.GetBalanceAsync(adversary.Address);
        var treasury = await token.GetBalanceAsync(await points.GetTreasuryAsync());
        await locker.SlashDepositAsync(deposit.DepositId);

        Assert.Equal("InsufficientPoints", expiring.RevertError);
        Assert.Equal([BigInteger.Zero, new BigInteger(50)], expiring.RevertArguments);
        Assert.Equal(BigInteger.Zero, freeAtSlash); // the old points expired; the deposit's did not
        Assert.Equal(treasury + (50 * Price), await token.GetBalanceAsync(await points.GetTreasuryAsync()));
        Assert.Equal(MediPointsDepositState.Slashed, (await points.GetDepositAsync(deposit.DepositId))!.State);
    }

    [Fact]
    public async Task Attack11_a_deposit_freezes_only_its_own_points_and_newer_points_stay_free()
    {
        var (Chain, points, locker, adversary, _) = await DepositSetUpAsync();
        await points.BuyAsync(100);
        var deposit = await locker.LockDepositAsync(adversary.Address, 30, (await Chain.ChainTimeAsync()).AddDays(30));
        await Chain.IncreaseTimeAsync(TimeSpan.FromDays(100));
        await points.BuyAsync(40);

        var convertible = await points.GetConvertibleAsync(adversary.Address);
        await points.ConvertAsync(convertible);
        await locker.ReleaseDepositAsync(deposit.DepositId);

        Assert.Equal(new BigInteger(70), convertible);
        Assert.Equal(new BigInteger(30), await points.GetConvertibleAsync(adversary.Address)); // released with their old lot
        Assert.Equal(new BigInteger(70), await points.GetBalanceAsync(adversary.Address));
        Assert.Equal(BigInteger.Zero, await points.GetLockedAsync(adversary.Address));
    }

    [Fact]
    public async Task Attack11_a_hundred_and_ten_weekly_one_point_lots_convert_lock_and_slash_within_bounded_gas()
    {
        var (Chain, points, locker, adversary, _) = await DepositSetUpAsync();
        for (var week = 0; week < 110; week++)
        {
            await points.BuyAsync(1);
            await Chain.IncreaseTimeAsync(TimeSpan.FromDays(7));
        }

        var lots = await points.GetLotsAsync(adversary.Address);
        var deposit = await locker.LockDepositAsync(adversary.Address, 10, await Chain.ChainTimeAsync());
        var convertible = await points.GetConvertibleAsync(adversary.Address);
        var convert = await points.ConvertAsync(convertible);
        var slash = await locker.SlashDepositAsync(deposit.DepositId);

        Assert.InRange(lots.Count, 100, 106); // older lots expired
        Assert.InRange(convert.GasUsed, 1, 2_000_000);
        Assert.InRange(deposit.GasUsed, 1, 2_000_000);
        Assert.InRange(slash.GasUsed, 1, 2_000_000);
    }

    /// <summary>A fresh MediPoints with a locker standing in for Credentials, and an adversary holding MED that approved it.</summary>
    private async Task<(ChainUnderTest Chain, MediPointsClient Points, MediPointsClient Locker, Adversary Adversary, MedTokenClient Token)> DepositSetUpAsync()
    {
        var deployer = ConnectDeployer();
        var contract = await MediPointsClient.DeployAsync(deployer, Deployment.MedTokenAddress!.Value, Deployment.RecordRegistryAddress, Price);
        var lockerConnection = (await Adversary.CreateAsync(Chain)).Connect(WorkflowKit.FastOptions()); // stands in for Credentials
        await contract.SetLockerAsync(lockerConnection.Address, true);
        var adversary = await Adversary.CreateAsync(Chain);
        var connection = adversary.Connect(WorkflowKit.FastOptions());
        await new MedTokenClient(deployer, Deployment.MedTokenAddress.Value).TransferAsync(adversary.Address, 1_000 * Price);
        var token = new MedTokenClient(connection, Deployment.MedTokenAddress.Value);
        await token.ApproveAsync(contract.ContractAddress, 1_000 * Price);
        return (Chain, new MediPointsClient(connection, contract.ContractAddress), new MediPointsClient(lockerConnection, contract.ContractAddress), adversary, token);
    }

    /// <summary>The registry's name of a record of <paramref name="owner"/>: its record id, keccak256(abi.encode(owner, commitment)).</summary>

}

/// <summary>The EconomyAttack tests with anvil as the chain.</summary>
public sealed class EconomyAttackOnAnvilTests(DevnetFixture fixture) : EconomyAttackTests(fixture, ChainBackend.Anvil);

/// <summary>The EconomyAttack tests with the in-process embedded chain as the chain.</summary>
public sealed class EconomyAttackOnEmbeddedChainTests(DevnetFixture fixture) : EconomyAttackTests(fixture, ChainBackend.Embedded);
