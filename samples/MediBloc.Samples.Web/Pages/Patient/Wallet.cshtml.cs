using System.Numerics;
using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.StorageQuota;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>MED, MediPoints and storage quota.</summary>
public sealed class WalletModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>MED balance, in MED.</summary>
    public decimal Med { get; private set; }

    /// <summary>MediPoints.</summary>
    public MediPointsBalance? Points { get; private set; }

    /// <summary>Storage used and bought.</summary>
    public QuotaUsage? Storage { get; private set; }

    /// <summary>Shows the balances.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Buys storage with MED.</summary>
    public async Task<IActionResult> OnPostStorageAsync(long gigabytes)
    {
        var ok = await TryAsync(async () =>
        {
            var bought = await Node.Client.GetPatientClient(Key).Wallet.BuyStorageAsync(gigabytes, cancellationToken: HttpContext.RequestAborted);
            Notice = $"Bought {gigabytes} GB; your quota is now {bought.QuotaBytes:N0} bytes.";
        });
        if (ok)
        {
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Buys MediPoints with MED.</summary>
    public async Task<IActionResult> OnPostPointsAsync(int points)
    {
        var ok = await TryAsync(async () =>
        {
            await Node.Client.GetPatientClient(Key).Wallet.BuyMediPointsAsync(points, cancellationToken: HttpContext.RequestAborted);
            Notice = $"Bought {points} MediPoints (they unlock for conversion after three months).";
        });
        if (ok)
        {
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        await TryAsync(async () =>
        {
            var wallet = Node.Client.GetPatientClient(Key).Wallet;
            var wei = await wallet.GetMedBalanceAsync(HttpContext.RequestAborted);
            Med = (decimal)(wei / BigInteger.Pow(10, MedTokenClient.Decimals - 4)) / 10_000m;
            Points = await wallet.GetMediPointsAsync(HttpContext.RequestAborted);
            Storage = await wallet.GetStorageUsageAsync(HttpContext.RequestAborted);
        });
    }
}
