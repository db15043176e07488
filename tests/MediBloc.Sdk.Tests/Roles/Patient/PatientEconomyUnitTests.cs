using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Contracts.MedToken;
using Nethereum.Web3.Accounts;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Sdk.Tests.Roles.Patient;

/// <summary>The patient economy in-process: MED payments, lots and conversion after the lock on the embedded chain.</summary>
public sealed class PatientEconomyUnitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-economy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Two_purchases_in_different_weeks_make_two_lots_and_a_conversion_takes_from_the_oldest_unlocked_lot_first()
    {
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var client = new MediBlocClient(new MediBlocClientOptions { ChainClient = chain.CreateRpcClient(), ContentStore = new LocalContentStore(_folder), Outbox = new InMemoryRecordOutbox() }.UseDeployment(deployment));
        using var key = Secp256k1PrivateKey.FromHex(chain.Accounts[4].PrivateKey);
        var treasury = new MedTokenClient(new ChainConnection(chain.CreateRpcClient(), new Account(chain.Accounts[0].PrivateKey, chain.ChainId)), deployment.MedTokenAddress!.Value);
        await treasury.TransferAsync(key.Address, MedTokenClient.FromMed(5));
        var patient = client.GetPatientClient(key);

        await patient.Wallet.BuyMediPointsAsync(30);
        chain.IncreaseTime(TimeSpan.FromDays(45));
        chain.Mine();
        await patient.Wallet.BuyMediPointsAsync(70);
        chain.IncreaseTime(TimeSpan.FromDays(55)); // the first lot is unlocked (90 days after its week), the second not yet
        chain.Mine();
        var before = await patient.Wallet.GetMediPointsAsync();
        var tooMany = await Assert.ThrowsAsync<InsufficientFundsException>(() => patient.Wallet.ConvertMediPointsAsync(31));
        await patient.Wallet.ConvertMediPointsAsync(20);
        var after = await patient.Wallet.GetMediPointsAsync();

        Assert.Equal((new BigInteger(100), new BigInteger(30)), (before.Balance, before.Convertible));
        Assert.Equal(before.Lots[1].UnlocksAt, before.NextUnlockAt);
        Assert.Equal(before.Lots[0].ExpiresAt, before.NextExpiryAt);
        Assert.Equal((new BigInteger(30), before.Lots[1].UnlocksAt), (tooMany.Available, tooMany.AvailableFrom));
        Assert.Equal([new BigInteger(10), new BigInteger(70)], after.Lots.Select(l => l.Points));
        Assert.Equal(after.Balance, after.Lots.Aggregate(BigInteger.Zero, (sum, l) => sum + l.Points));
        Assert.Equal(MedTokenClient.FromMed(4) + (20 * MediBlocClient.MedPerPoint), await patient.Wallet.GetMedBalanceAsync());
    }

    [Fact]
    public async Task Arguments_are_checked_before_anything_is_sent()
    {
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainClient = new InProcessChain().CreateRpcClient(), ContentStore = new LocalContentStore(_folder), Outbox = new InMemoryRecordOutbox(),
            RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        });
        using var key = Secp256k1PrivateKey.Generate();
        var patient = client.GetPatientClient(key);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => patient.Wallet.BuyMediPointsAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => patient.Wallet.BuyStorageAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => patient.Wallet.ConvertMediPointsAsync(-1));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => patient.Wallet.BuyStorageAsync(1));
        Assert.Contains("MediBlocClientOptions.StorageQuotaAddress", missing.Message, StringComparison.Ordinal);
    }
}
