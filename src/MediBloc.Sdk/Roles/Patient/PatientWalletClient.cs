using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Contracts.StorageQuota;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Roles.Patient;

/// <summary>
/// A patient's economy: MED balance, storage quota (bought with MED), MediPoints (bought, earned, converted back to
/// MED). Obtain it from <see cref="PatientClient.Wallet"/>.
/// </summary>
public partial class PatientWalletClient
{
    private readonly PatientClient _patient = null!;
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected PatientWalletClient()
    {
    }

    internal PatientWalletClient(PatientClient patient, ClientContext client, MediBlocSigner signer)
    {
        _patient = patient;
        _client = client;
        _signer = signer;
    }

    /// <summary>The patient's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>The patient's MED balance, in the smallest unit (10⁻¹⁸ MED).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.MedTokenAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<BigInteger> GetMedBalanceAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientWalletClient.GetMedBalance", async _ =>
        {
            var token = await _client.GetMedTokenAsync(_signer, "read a MED balance").ConfigureAwait(false);
            return await token.GetBalanceAsync(Address, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The patient's storage quota in bytes: the free quota (1 GB on the SDK's deployments) plus what they bought.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The quota in bytes.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StorageQuotaAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<long> GetStorageQuotaAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientWalletClient.GetStorageQuota", async _ =>
        {
            var quota = await _client.GetStorageQuotaAsync(_signer, "read a storage quota").ConfigureAwait(false);
            return await quota.GetQuotaAsync(Address, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// What the patient stores against their storage quota: every envelope anchored in their name (counted from the
    /// chain, sized by the content store) and the quota. Publishing checks the same figures before anything is stored.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The usage and the quota, in bytes.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.StorageQuotaAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    /// <exception cref="StorageException">The content store failed while sizing the records.</exception>
    public virtual async Task<QuotaUsage> GetStorageUsageAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientWalletClient.GetStorageUsage", async _ =>
        {
            var quota = await GetStorageQuotaAsync(cancellationToken).ConfigureAwait(false);
            var used = await _client.Quota.GetUsedAsync(_client, _signer, Address, cancellationToken).ConfigureAwait(false);
            return new QuotaUsage(used, quota);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Buys storage quota with MED in one call: checks the MED balance, approves the price to the quota contract (unless
    /// <paramref name="approve"/> is <see langword="false"/>), and buys. Waits for both receipts.
    /// </summary>
    /// <param name="gigabytes">How many gigabytes (positive).</param>
    /// <param name="approve"><see langword="true"/> (default) to approve the price first; <see langword="false"/> to use an
    /// allowance you granted yourself (for example from a wallet).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The purchase, with the new quota.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gigabytes"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The MED token or storage quota address is not set in the options.</exception>
    /// <exception cref="InsufficientFundsException">Too little MED (<see cref="PaymentCodes.InsufficientMed"/>) or, with <paramref name="approve"/> off, too small an allowance (<see cref="PaymentCodes.InsufficientAllowance"/>); nothing was bought.</exception>
    /// <exception cref="ChainException">The node is unavailable or a transaction failed.</exception>
    public virtual async Task<QuotaPurchase> BuyStorageAsync(long gigabytes, bool approve = true, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gigabytes);
        return await ChainDiagnostics.TraceAsync("PatientWalletClient.BuyStorage", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.Gigabytes, gigabytes);
            var quota = await _client.GetStorageQuotaAsync(_signer, "buy storage").ConfigureAwait(false);
            var cost = gigabytes * await quota.GetPricePerGigabyteAsync(cancellationToken).ConfigureAwait(false);
            return await PayWithMedAsync(quota.ContractAddress, cost, approve, "buy storage",
                () => quota.BuyAsync(gigabytes, cancellationToken), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Buys MediPoints with MED in one call: checks the MED balance, approves the price to the MediPoints contract (unless
    /// <paramref name="approve"/> is <see langword="false"/>), and buys. The points form one lot, convertible back to MED
    /// after 3 months and expiring after 24.
    /// </summary>
    /// <param name="points">How many points (positive).</param>
    /// <param name="approve"><see langword="true"/> (default) to approve the price first; <see langword="false"/> to use an allowance you granted yourself.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The purchase.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The MED token or MediPoints address is not set in the options.</exception>
    /// <exception cref="InsufficientFundsException">Too little MED (<see cref="PaymentCodes.InsufficientMed"/>) or, with <paramref name="approve"/> off, too small an allowance (<see cref="PaymentCodes.InsufficientAllowance"/>); nothing was bought.</exception>
    /// <exception cref="ChainException">The node is unavailable or a transaction failed.</exception>
    public virtual async Task<PointsPurchase> BuyMediPointsAsync(BigInteger points, bool approve = true, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return await ChainDiagnostics.TraceAsync("PatientWalletClient.BuyMediPoints", async _ =>
        {
            var contract = await _client.GetMediPointsAsync(_signer, "buy MediPoints").ConfigureAwait(false);
            var cost = points * await contract.GetPricePerPointAsync(cancellationToken).ConfigureAwait(false);
            return await PayWithMedAsync(contract.ContractAddress, cost, approve, "buy MediPoints", async () =>
            {
                var (transaction, minted) = await contract.BuyMintingAsync(points, cancellationToken).ConfigureAwait(false);
                return new PointsPurchase(transaction.TransactionHash, transaction.BlockNumber, transaction.GasUsed, minted, cost);
            }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The patient's MediPoints: free balance, deposits, what converts now, and every live lot with its unlock and expiry.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The points, as of the latest block.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.MediPointsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<MediPointsBalance> GetMediPointsAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientWalletClient.GetMediPoints", async _ =>
        {
            var contract = await _client.GetMediPointsAsync(_signer, "read MediPoints").ConfigureAwait(false);
            var now = await _client.GetChainTimeAsync(_signer, cancellationToken).ConfigureAwait(false);
            var balance = await contract.GetBalanceAsync(Address, cancellationToken).ConfigureAwait(false);
            var locked = await contract.GetLockedAsync(Address, cancellationToken).ConfigureAwait(false);
            var convertible = await contract.GetConvertibleAsync(Address, cancellationToken).ConfigureAwait(false);
            var lots = await contract.GetLotsAsync(Address, cancellationToken).ConfigureAwait(false);
            var nextUnlock = lots.Where(l => l.UnlocksAt > now).Select(l => (DateTimeOffset?)l.UnlocksAt).Min();
            var nextExpiry = lots.Where(l => l.ExpiresAt > now).Select(l => (DateTimeOffset?)l.ExpiresAt).Min();
            return new MediPointsBalance(balance, locked, convertible, lots, nextUnlock, nextExpiry, now);
        }).ConfigureAwait(false);
    }

    /// <summary>Converts MediPoints back to MED at the contract's price; points convert 90 days after the end of the week they were minted in (oldest lots first).</summary>
    /// <param name="points">How many points (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The conversion.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.MediPointsAddress"/> is not set.</exception>
    /// <exception cref="InsufficientFundsException">Fewer points are convertible now (code <see cref="PaymentCodes.InsufficientConvertiblePoints"/>; <see cref="InsufficientFundsException.AvailableFrom"/> says when the next lot unlocks).</exception>
    /// <exception cref="ChainException">The node is unavailable or the transaction failed.</exception>
    public virtual async Task<PointsConversion> ConvertMediPointsAsync(BigInteger points, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return await ChainDiagnostics.TraceAsync("PatientWalletClient.ConvertMediPoints", async _ =>
        {
            var contract = await _client.GetMediPointsAsync(_signer, "convert MediPoints").ConfigureAwait(false);
            var convertible = await contract.GetConvertibleAsync(Address, cancellationToken).ConfigureAwait(false);
            if (convertible < points)
            {
                throw await NotConvertibleAsync(points, convertible, null, cancellationToken).ConfigureAwait(false);
            }
            var price = await contract.GetPricePerPointAsync(cancellationToken).ConfigureAwait(false);
            TransactionResult transaction;
            try
            {
                transaction = await contract.ConvertAsync(points, cancellationToken).ConfigureAwait(false);
            }
            catch (ChainException ex) when (ex.RevertError == "InsufficientConvertible")
            {
                throw await NotConvertibleAsync(points, ex.RevertArguments is [BigInteger available, ..] ? available : BigInteger.Zero, ex, cancellationToken).ConfigureAwait(false);
            }
            return new PointsConversion(transaction.TransactionHash, transaction.BlockNumber, transaction.GasUsed, points, points * price);
        }).ConfigureAwait(false);
    }

    /// <summary>Checks the balance (and the allowance), approves when asked, runs the purchase, and maps ERC-20 payment reverts to <see cref="InsufficientFundsException"/>.</summary>
    private async Task<T> PayWithMedAsync<T>(EvmAddress spender, BigInteger cost, bool approve, string workflow, Func<Task<T>> purchase, CancellationToken cancellationToken)
        where T : TransactionResult
    {
        var token = await _client.GetMedTokenAsync(_signer, workflow).ConfigureAwait(false);
        var balance = await token.GetBalanceAsync(Address, cancellationToken).ConfigureAwait(false);
        if (balance < cost)
        {
            throw new InsufficientFundsException(
                $"To {workflow}, {Address} needs {FormatMed(cost)} MED and holds {FormatMed(balance)}; top the account up with MED first.",
                PaymentCodes.InsufficientMed) { Needed = cost, Available = balance };
        }
        var allowance = await token.GetAllowanceAsync(Address, spender, cancellationToken).ConfigureAwait(false);
        if (allowance < cost)
        {
            if (!approve)
            {
                throw InsufficientAllowance(workflow, spender, cost, allowance, null);
            }
            await token.ApproveAsync(spender, cost, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            var result = await purchase().ConfigureAwait(false);
            Diagnostics.SdkLog.PaidWithMed(_client.Logger, cost.ToString(System.Globalization.CultureInfo.InvariantCulture), workflow, result.TransactionHash);
            return result;
        }
        catch (ChainException ex) when (ex.RevertError == "ERC20InsufficientBalance")
        {
            throw new InsufficientFundsException(
                $"To {workflow}, {Address} needs {FormatMed(cost)} MED; another payment spent part of it meanwhile. Top the account up and try again.",
                PaymentCodes.InsufficientMed, ex) { Needed = cost, TransactionHash = ex.TransactionHash };
        }
        catch (ChainException ex) when (ex.RevertError == "ERC20InsufficientAllowance")
        {
            throw InsufficientAllowance(workflow, spender, cost, ex.RevertArguments is [_, BigInteger left, ..] ? left : BigInteger.Zero, ex);
        }
    }

    private InsufficientFundsException InsufficientAllowance(string workflow, EvmAddress spender, BigInteger cost, BigInteger allowance, Exception? inner) =>
        new($"To {workflow}, {Address} must allow {spender} to take {FormatMed(cost)} MED; the allowance is {FormatMed(allowance)}. Approve more, or let the SDK approve (approve: true).",
            PaymentCodes.InsufficientAllowance, inner) { Needed = cost, Available = allowance };

    private async Task<InsufficientFundsException> NotConvertibleAsync(BigInteger points, BigInteger convertible, Exception? inner, CancellationToken cancellationToken)
    {
        var next = (await GetMediPointsAsync(cancellationToken).ConfigureAwait(false)).NextUnlockAt;
        var when = next is { } at ? $" The next locked lot becomes convertible at {at:u} (chain time)." : string.Empty;
        return new InsufficientFundsException(
            $"Only {convertible} MediPoints are convertible now, not {points}: points convert 90 days after the end of the week they were minted in, and not while held in a deposit.{when}",
            PaymentCodes.InsufficientConvertiblePoints, inner) { Needed = points, Available = convertible, AvailableFrom = next };
    }

    private static string FormatMed(BigInteger amount)
    {
        var unit = BigInteger.Pow(10, MedTokenClient.Decimals);
        var fraction = (BigInteger.Abs(amount) % unit).ToString("D18", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0');
        var whole = (amount / unit).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return fraction.Length == 0 ? whole : whole + "." + fraction;
    }
}
