using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>A grant in force: who may read what, why, until when.</summary>
/// <param name="GrantId">The grant on chain.</param>
/// <param name="Grantee">Who.</param>
/// <param name="Purpose">Why (a purpose of use code).</param>
/// <param name="ExpiresAt">Until when.</param>
/// <param name="Records">How many of my records it covers.</param>
public sealed record LiveGrant(string GrantId, string Grantee, string Purpose, DateTimeOffset ExpiresAt, int Records);

/// <summary>Share with a provider for a purpose and an expiry; revoke.</summary>
public sealed class SharingModel : AppPage
{
    /// <summary>The purposes a patient may choose.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Purposes =
        [("TREAT", "Treatment"), ("ETREAT", "Emergency treatment"), ("HRESCH", "Health research"), ("HPAYMT", "Payment")];

    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>Grants in force.</summary>
    public IReadOnlyList<LiveGrant> Grants { get; private set; } = [];

    /// <summary>Write consents I gave.</summary>
    public IReadOnlyList<GrantSubmittedEvent> WriteGrants { get; private set; } = [];

    /// <summary>Clinicians on this device.</summary>
    public IReadOnlyList<DeviceAccount> Clinicians => [.. Accounts.All.Where(a => a.Role == AccountRole.Clinician)];

    /// <summary>Lists the grants.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Shares my FHIR records with a provider.</summary>
    public async Task<IActionResult> OnPostShareAsync(string? clinician, string? publicKey, string purpose, int days, bool write = false)
    {
        var ok = await TryAsync(async () =>
        {
            var grantee = !string.IsNullOrWhiteSpace(publicKey)
                ? Secp256k1PublicKey.FromHex(publicKey.Trim())
                : Accounts.Find(clinician)?.Key ?? throw new ArgumentException("Choose a clinician, or paste their public key.");
            if (days is < 1 or > 3650)
            {
                throw new ArgumentException("Choose an expiry of 1 to 3650 days.");
            }
            if (!Purposes.Any(p => p.Code == purpose))
            {
                throw new ArgumentException("Choose a purpose from the list.");
            }
            var until = (await Node.ChainTimeAsync(HttpContext.RequestAborted)).AddDays(days);
            var patient = Node.Client.GetPatientClient(Key);
            var share = await patient.ShareAsync(grantee, AccessScope.ForContentType(FhirContentTypes.ResourceJson), purpose, until, HttpContext.RequestAborted);
            if (write)
            {
                await patient.GrantWriteAccessAsync(grantee.Address, AccessScope.ForContentType(FhirContentTypes.ResourceJson), purpose, until, HttpContext.RequestAborted);
            }
            Notice = $"Shared {share.Records.Count} record(s) with {NameOf(grantee.Address.ToString())} for {purpose} until {until:yyyy-MM-dd}" +
                (write ? "; they may also write visit notes into your record." : ".");
        });
        if (ok)
        {
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Revokes a grant on chain.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(string grantId)
    {
        var ok = await TryAsync(async () =>
        {
            await Node.Client.GetPatientClient(Key).RevokeAsync(grantId, HttpContext.RequestAborted);
            Notice = "Revoked. From now on the chain refuses that grant; reads already made stay in your audit trail.";
        });
        if (ok)
        {
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>The purpose code behind a purpose id.</summary>
    public static string PurposeName(string? purposeId)
    {
        if (purposeId is null)
        {
            return string.Empty;
        }
        foreach (var (code, label) in Purposes.Append(("BTG", "Break the glass")))
        {
            if (string.Equals(AccessGrantsClient.ComputePurposeId(code), purposeId, StringComparison.OrdinalIgnoreCase))
            {
                return $"{label} ({code})";
            }
        }
        return DeviceAccount.Short(purposeId);
    }

    private async Task LoadAsync()
    {
        await TryAsync(async () =>
        {
            var patient = Node.Client.GetPatientClient(Key);
            var records = await patient.ListMyRecordsAsync(HttpContext.RequestAborted);
            Grants = [.. records.SelectMany(r => r.Readers)
                .GroupBy(r => r.GrantId, StringComparer.OrdinalIgnoreCase)
                .Select(g => new LiveGrant(g.Key, g.First().Grantee.ToString(), PurposeName(g.First().PurposeId), g.First().ExpiresAt, g.Count()))];
            WriteGrants = await patient.ListWriteGrantsAsync(HttpContext.RequestAborted);
        });
    }
}
