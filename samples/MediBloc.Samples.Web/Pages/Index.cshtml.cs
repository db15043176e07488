using System.Text;
using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Contracts.Credentials;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages;

/// <summary>Accounts on this device: create, import, unlock, lock, back up the keystore.</summary>
public sealed class IndexModel : AppPage
{
    /// <summary>The role a page asked for, when the person was sent here for it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Need { get; set; }

    /// <summary>Shows the accounts.</summary>
    public void OnGet()
    {
    }

    /// <summary>Creates a key and its keystore; funds it (development) and has the demo authority certify a professional.</summary>
    public async Task<IActionResult> OnPostCreateAsync(string label, AccountRole role, string password, bool certify = false)
    {
        var ok = await TryAsync(async () =>
        {
            var (account, key) = await Accounts.CreateAsync(label, role, password, HttpContext.RequestAborted);
            Session.Add(key);
            await PrepareAsync(account, certify);
            Notice = $"Created {account.Display} as {account.Role}; its keystore is on this device and it is unlocked for this session.";
        });
        return ok ? RedirectToPage(Landing(role)) : Page();
    }

    /// <summary>Imports a keystore file.</summary>
    public async Task<IActionResult> OnPostImportAsync(string label, AccountRole role, string password, IFormFile? keystore, bool certify = false)
    {
        var ok = await TryAsync(async () =>
        {
            if (keystore is null || keystore.Length == 0)
            {
                throw new ArgumentException("Choose a keystore file (JSON) to import.");
            }
            using var reader = new StreamReader(keystore.OpenReadStream(), Encoding.UTF8);
            var json = await reader.ReadToEndAsync(HttpContext.RequestAborted);
            var (account, key) = await Accounts.ImportAsync(label, role, json, password, HttpContext.RequestAborted);
            Session.Add(key);
            await PrepareAsync(account, certify);
            Notice = $"Imported {account.Display} as {account.Role}.";
        });
        return ok ? RedirectToPage(Landing(role)) : Page();
    }

    /// <summary>Unlocks a device account for this session.</summary>
    public async Task<IActionResult> OnPostUnlockAsync(string address, string password)
    {
        var account = Accounts.Find(address);
        if (account is null)
        {
            Problem = "That account is not on this device.";
            return Page();
        }
        var ok = await TryAsync(async () => Session.Add(await Accounts.UnlockAsync(account, password, HttpContext.RequestAborted)));
        if (ok)
        {
            Notice = $"Unlocked {account.Display}.";
            return RedirectToPage(Landing(account.Role));
        }
        return Page();
    }

    /// <summary>Locks an account: its key is zeroed in memory.</summary>
    public IActionResult OnPostLock(string address)
    {
        Session.Lock(address);
        Notice = "Locked. The key was removed from memory; its keystore stays on this device.";
        return RedirectToPage();
    }

    /// <summary>Makes another unlocked account active.</summary>
    public IActionResult OnPostSwitch(string address)
    {
        if (!Session.Activate(address))
        {
            Notice = "Unlock that account first.";
            return RedirectToPage();
        }
        return RedirectToPage(Landing(Accounts.Find(address)?.Role ?? AccountRole.Patient));
    }

    /// <summary>Downloads the active account's keystore (encrypted under its password) as a backup.</summary>
    public async Task<IActionResult> OnGetKeystoreAsync()
    {
        if (Me is not { } me)
        {
            return RedirectToPage();
        }
        var json = await Accounts.ReadKeyStoreAsync(me, HttpContext.RequestAborted);
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"keystore-{me.Address.ToLowerInvariant()}.json");
    }

    private async Task PrepareAsync(DeviceAccount account, bool certify)
    {
        await Node.FundAsync(account.EvmAddress, withMed: account.Role is AccountRole.Patient or AccountRole.Researcher or AccountRole.Insurer, HttpContext.RequestAborted);
        CredentialRole? credential = account.Role switch
        {
            AccountRole.Clinician => CredentialRole.Provider,
            AccountRole.Paramedic => CredentialRole.EmergencyProvider,
            AccountRole.Researcher => CredentialRole.Researcher,
            AccountRole.Insurer => CredentialRole.Insurer,
            _ => null,
        };
        if (certify && credential is { } role)
        {
            await Node.CertifyAsync(account.EvmAddress, role, HttpContext.RequestAborted);
        }
    }

    /// <summary>The page a role starts on.</summary>
    public static string Landing(AccountRole role) => role switch
    {
        AccountRole.Patient => "/Patient/Records",
        AccountRole.Clinician => "/Clinician/Index",
        AccountRole.Paramedic => "/Paramedic/Index",
        AccountRole.Insurer => "/Insurer/Index",
        _ => "/Researcher/Index",
    };
}
