using MediBloc.Samples.Web.Node;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Recovery;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>A guardian who may act for me, and my key backed up k-of-n to guardians (restorable on a new device).</summary>
public sealed class GuardiansModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>Other accounts on this device.</summary>
    public IReadOnlyList<DeviceAccount> Others => [.. Accounts.All.Where(a => !string.Equals(a.Address, Me?.Address, StringComparison.OrdinalIgnoreCase))];

    /// <summary>My current key backup, if any.</summary>
    public KeyBackup? Backup { get; private set; }

    /// <summary>Shows the backup.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Appoints a guardian on chain.</summary>
    public async Task<IActionResult> OnPostAppointAsync(string? guardian, string? address)
    {
        var ok = await TryAsync(async () =>
        {
            var who = !string.IsNullOrWhiteSpace(address) ? EvmAddress.Parse(address.Trim())
                : Accounts.Find(guardian)?.EvmAddress ?? throw new ArgumentException("Choose a guardian, or type their address.");
            await Node.Client.GetPatientClient(Key).Care.AppointGuardianAsync(who, HttpContext.RequestAborted);
            Notice = $"{NameOf(who.ToString())} is your guardian: they may open records sealed to them for you until they hand over.";
        });
        if (ok)
        {
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Backs the key up to guardians: any <paramref name="threshold"/> of them can restore it on a new device.</summary>
    public async Task<IActionResult> OnPostBackupAsync(string[] holders, int threshold)
    {
        var keys = (holders ?? []).Select(Accounts.Find).OfType<DeviceAccount>().Select(a => a.Key).ToList();
        if (keys.Count < 2 || threshold < 2 || threshold > keys.Count)
        {
            Problem = "Choose at least two guardians and a threshold from 2 to the number of guardians.";
            await LoadAsync();
            return Page();
        }
        var key = Key;
        var node = Node;
        return StartJob("Backing up my key to guardians", async (job, ct) =>
        {
            job.Report($"Splitting the key into {keys.Count} shares ({threshold} needed), sealing one to each guardian, anchoring the backup…", 30);
            var backup = await node.Client.GetPatientClient(key).Care.BackUpKeyAsync(keys, threshold, ct);
            job.Report($"Backed up {backup.Threshold}-of-{backup.Guardians.Count}.", 100);
            return "/Patient/Guardians";
        });
    }

    private async Task LoadAsync()
    {
        try
        {
            Backup = await Node.Client.GetPatientClient(Key).Care.GetKeyBackupAsync(HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            Backup = null;
        }
#pragma warning disable CA1031 // Shown to the person.
        catch (MediBlocException ex)
#pragma warning restore CA1031
        {
            Problem = Problems.Describe(ex);
        }
    }
}
