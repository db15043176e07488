using MediBloc.IntegrationTests.EmbeddedChain;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Points;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Token;

namespace MediBloc.IntegrationTests.Contracts;

[Collection(DevnetCollection.Name)]
public sealed class MediPointsTests(DevnetFixture fixture)
{
    private const string FhirJson = "application/fhir+json";
    private static readonly BigInteger Price = MedTokenClient.FromMed(1) / 100;

    private string Patient => fixture.Devnet.Accounts[ChainTestKit.PointsPatient].Address;

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Record_reward_is_minted_once_per_record_at_the_content_type_rate(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var record = await s.AnchorAsync(FhirJson);

        await s.PatientPoints.ClaimRecordRewardAsync(record);
        var twice = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.ClaimRecordRewardAsync(record));
        var unrated = await Assert.ThrowsAsync<ChainException>(async () => await s.PatientPoints.ClaimRecordRewardAsync(await s.AnchorAsync("application/pdf")));

        Assert.Equal(new BigInteger(10), await s.PatientPoints.GetBalanceAsync(Patient));
        Assert.Equal("AlreadyRewarded", twice.RevertError);
        Assert.Equal("NoRewardRate", unrated.RevertError);
        Assert.Equal(new BigInteger(10), await s.PatientPoints.GetRateAsync(FhirJson));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Only_the_record_owner_claims_and_only_the_admin_sets_rates(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var record = await s.AnchorAsync(FhirJson);

        var byAdmin = await Assert.ThrowsAsync<ChainException>(() => s.AdminPoints.ClaimRecordRewardAsync(record));
        var rate = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.SetRateAsync(FhirJson, 1_000));

        Assert.Equal("NotRecordOwner", byAdmin.RevertError);
        Assert.Equal("NotAdmin", rate.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Bought_points_are_locked_for_three_months_then_convert_to_MED(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        await s.PatientToken.ApproveAsync(s.AdminPoints.ContractAddress, 100 * Price);
        await s.PatientPoints.BuyAsync(100);
        var medAfterBuy = await s.PatientToken.GetBalanceAsync(Patient);

        var locked = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.ConvertAsync(40));
        Assert.Equal("InsufficientConvertible", locked.RevertError);
        Assert.Equal([BigInteger.Zero, new BigInteger(40)], locked.RevertArguments);

        await chain.IncreaseTimeAsync(TimeSpan.FromDays(90));
        await s.PatientPoints.ConvertAsync(40);

        Assert.Equal(new BigInteger(60), await s.PatientPoints.GetBalanceAsync(Patient));
        Assert.Equal(new BigInteger(60), await s.PatientPoints.GetConvertibleAsync(Patient));
        Assert.Equal(medAfterBuy + (40 * Price), await s.PatientToken.GetBalanceAsync(Patient));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Points_expire_twenty_four_months_after_minting(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        await s.PatientToken.ApproveAsync(s.AdminPoints.ContractAddress, 50 * Price);
        await s.PatientPoints.BuyAsync(50);

        await chain.IncreaseTimeAsync(TimeSpan.FromDays(729));
        Assert.Equal(new BigInteger(50), await s.PatientPoints.GetBalanceAsync(Patient));
        await chain.IncreaseTimeAsync(TimeSpan.FromDays(2));

        Assert.Equal(BigInteger.Zero, await s.PatientPoints.GetBalanceAsync(Patient));
        var e = await Assert.ThrowsAsync<ChainException>(() => s.PatientPoints.ConvertAsync(1));
        Assert.Equal("InsufficientConvertible", e.RevertError);
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

    private async Task<PointsSetup> SetUpAsync(ChainUnderTest chain)
    {
        var admin = chain.ConnectAccount(ChainTestKit.PointsAdmin);
        var patient = chain.ConnectAccount(ChainTestKit.PointsPatient);
        var token = await MedTokenClient.DeployAsync(admin, MedTokenClient.FromMed(1_000_000));
        var registry = await RecordRegistryClient.DeployAsync(admin);
        var points = await MediPointsClient.DeployAsync(admin, token.ContractAddress, registry.ContractAddress, Price);
        await points.SetRateAsync(FhirJson, 10);
        await token.TransferAsync(Patient, MedTokenClient.FromMed(100));
        await token.TransferAsync(points.ContractAddress, MedTokenClient.FromMed(1_000)); // conversion reserve
        return new PointsSetup(
            points,
            new MediPointsClient(patient, points.ContractAddress),
            new MedTokenClient(patient, token.ContractAddress),
            new RecordRegistryClient(patient, registry.ContractAddress));
    }

    private sealed record PointsSetup(MediPointsClient AdminPoints, MediPointsClient PatientPoints, MedTokenClient PatientToken, RecordRegistryClient PatientRegistry)
    {
        public async Task<byte[]> AnchorAsync(string contentType)
        {
            // Rewards name a record by its record id.
            var anchored = await PatientRegistry.AnchorAsync(ChainTestKit.RandomCommitment(), "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", contentType);
            return Convert.FromHexString(anchored.RecordId[2..]);
        }
    }
}
