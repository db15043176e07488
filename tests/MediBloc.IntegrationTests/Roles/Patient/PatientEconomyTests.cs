using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Contracts.StorageQuota;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.MedToken;

namespace MediBloc.IntegrationTests.Roles.Patient;

/// <summary>A patient pays with MED for storage and MediPoints, watches the points' lots and converts them after the lock.</summary>
public abstract class PatientEconomyTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    [Fact]
    public async Task A_patient_buys_storage_and_points_with_MED_in_one_call_and_converts_points_after_the_lock()
    {
        using var key = await FundedWithMedAsync(MedTokenClient.FromMed(10));
        var patient = Client.GetPatientClient(key);
        var freeQuota = await patient.Wallet.GetStorageQuotaAsync();

        #region Snippet:PatientEconomy
        // Pay with MED: the SDK checks the balance, approves the price and buys, in one call.
        QuotaPurchase storage = await patient.Wallet.BuyStorageAsync(gigabytes: 2);
        PointsPurchase bought = await patient.Wallet.BuyMediPointsAsync(points: 100);

        // My points: balance, deposits, what converts now, and each lot's unlock and expiry.
        MediPointsBalance points = await patient.Wallet.GetMediPointsAsync();
        Console.WriteLine($"{points.Balance} points, {points.Convertible} convertible, next unlock {points.NextUnlockAt:d}");

        try
        {
            await patient.Wallet.ConvertMediPointsAsync(40);
        }
        catch (InsufficientFundsException ex) when (ex.Code == PaymentCodes.InsufficientConvertiblePoints)
        {
            Console.WriteLine($"{ex.Available} convertible now; more from {ex.AvailableFrom:d}");
        }
        #endregion

        var early = await Assert.ThrowsAsync<InsufficientFundsException>(() => patient.Wallet.ConvertMediPointsAsync(40));
        var lot = Assert.Single(points.Lots);
        await Chain.IncreaseTimeAsync(lot.UnlocksAt - points.AsOf);
        var medBefore = await patient.Wallet.GetMedBalanceAsync();
        var converted = await patient.Wallet.ConvertMediPointsAsync(40);
        var after = await patient.Wallet.GetMediPointsAsync();

        Assert.Equal(StorageQuotaClient.FreeQuotaBytes, freeQuota);
        Assert.Equal(StorageQuotaClient.FreeQuotaBytes + (2 * StorageQuotaClient.GigabyteBytes), storage.QuotaBytes);
        Assert.Equal(storage.QuotaBytes, await patient.Wallet.GetStorageQuotaAsync());
        Assert.Equal(2 * MediBlocClient.MedPerGigabyte, storage.MedPaid);
        Assert.Equal((new BigInteger(100), 100 * MediBlocClient.MedPerPoint), (bought.Points, bought.MedPaid));
        Assert.Equal((new BigInteger(100), BigInteger.Zero, BigInteger.Zero), (points.Balance, points.Locked, points.Convertible));
        Assert.Equal((new BigInteger(100), TimeSpan.FromDays(640)), (lot.Points, lot.ExpiresAt - lot.UnlocksAt));
        Assert.InRange(lot.UnlocksAt - points.AsOf, TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(97));
        Assert.Equal(lot.UnlocksAt, points.NextUnlockAt);
        Assert.Equal(PaymentCodes.InsufficientConvertiblePoints, early.Code);
        Assert.Equal((new BigInteger(40), BigInteger.Zero, lot.UnlocksAt), (early.Needed, early.Available, early.AvailableFrom));
        Assert.Equal(40 * MediBlocClient.MedPerPoint, converted.MedReceived);
        Assert.Equal(medBefore + converted.MedReceived, await patient.Wallet.GetMedBalanceAsync());
        Assert.Equal((new BigInteger(60), new BigInteger(60)), (after.Balance, after.Convertible));
        Assert.Equal(new BigInteger(60), Assert.Single(after.Lots).Points);
        Assert.Null(after.NextUnlockAt);
    }

    [Fact]
    public async Task Paying_without_enough_MED_or_allowance_is_refused_with_a_typed_error_and_buys_nothing()
    {
        using var poor = await FundedWithMedAsync(MedTokenClient.FromMed(1) / 2);
        var patient = Client.GetPatientClient(poor);

        var storage = await Assert.ThrowsAsync<InsufficientFundsException>(() => patient.Wallet.BuyStorageAsync(1));
        var points = await Assert.ThrowsAsync<InsufficientFundsException>(() => patient.Wallet.BuyMediPointsAsync(51));
        var allowance = await Assert.ThrowsAsync<InsufficientFundsException>(() => patient.Wallet.BuyMediPointsAsync(10, approve: false));
        var affordable = await patient.Wallet.BuyMediPointsAsync(50);

        Assert.Equal(PaymentCodes.InsufficientMed, storage.Code);
        Assert.Equal((MediBlocClient.MedPerGigabyte, MedTokenClient.FromMed(1) / 2), (storage.Needed, storage.Available));
        Assert.Equal(PaymentCodes.InsufficientMed, points.Code);
        Assert.Equal(PaymentCodes.InsufficientAllowance, allowance.Code);
        Assert.Equal(BigInteger.Zero, allowance.Available);
        Assert.Equal(StorageQuotaClient.FreeQuotaBytes, await patient.Wallet.GetStorageQuotaAsync());
        Assert.Equal(new BigInteger(50), affordable.Points);
        Assert.Equal(BigInteger.Zero, await patient.Wallet.GetMedBalanceAsync());
        Assert.Equal(new BigInteger(50), (await patient.Wallet.GetMediPointsAsync()).Balance);
    }

    /// <summary>A fresh key with ETH for gas and <paramref name="med"/> MED from the deployer.</summary>
    private async Task<Secp256k1PrivateKey> FundedWithMedAsync(BigInteger med)
    {
        var key = await Chain.FundedKeyAsync();
        var treasury = new MedTokenClient(ConnectDeployer(), Deployment.MedTokenAddress!.Value);
        await treasury.TransferAsync(key.Address, med);
        return key;
    }
}

/// <summary>The PatientEconomy tests with anvil as the chain.</summary>
public sealed class PatientEconomyOnAnvilTests(DevnetFixture fixture) : PatientEconomyTests(fixture, ChainBackend.Anvil);

/// <summary>The PatientEconomy tests with the in-process embedded chain as the chain.</summary>
public sealed class PatientEconomyOnEmbeddedChainTests(DevnetFixture fixture) : PatientEconomyTests(fixture, ChainBackend.Embedded);
