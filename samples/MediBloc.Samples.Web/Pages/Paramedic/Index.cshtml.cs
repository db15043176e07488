using MediBloc.Samples.Web.Node;
using MediBloc.Samples.Web.Rendering;
using MediBloc.Sdk.Crypto;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Paramedic;

/// <summary>Break the glass: read a patient's vital-info profile in an emergency (audited, rate-limited).</summary>
public sealed class IndexModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Paramedic;

    /// <summary>Patients on this device.</summary>
    public IReadOnlyList<DeviceAccount> Patients => [.. Accounts.All.Where(a => a.Role == AccountRole.Patient)];

    /// <summary>The profile read.</summary>
    public RenderedResource? Profile { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Breaks the glass.</summary>
    public async Task<IActionResult> OnPostAsync(string? patient, string? address, string reason)
    {
        await TryAsync(async () =>
        {
            var target = !string.IsNullOrWhiteSpace(address) ? EvmAddress.Parse(address.Trim())
                : Accounts.Find(patient)?.EvmAddress ?? throw new ArgumentException("Choose a patient, or type their address.");
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new ArgumentException("State the reason: it is recorded (hashed) on chain.");
            }
            var opened = await Node.Client.GetEmergencyClient(Key).BreakTheGlassAsync(target, reason.Trim(), cancellationToken: HttpContext.RequestAborted);
            Profile = FhirView.Render(opened.Content, opened.ContentType);
            Notice = null;
        });
        return Page();
    }
}
