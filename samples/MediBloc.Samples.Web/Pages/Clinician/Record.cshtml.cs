using MediBloc.Samples.Web.Node;
using MediBloc.Samples.Web.Rendering;
using MediBloc.Sdk;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Samples.Web.Pages.Clinician;

/// <summary>A shared record, opened for a purpose (audited on chain) and rendered readably.</summary>
public sealed class RecordModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Clinician;

    /// <summary>The opened record.</summary>
    public OpenedRecord? Opened { get; private set; }

    /// <summary>Its rendering.</summary>
    public RenderedResource? View { get; private set; }

    /// <summary>Opens the record.</summary>
    public async Task OnGetAsync(string cid, string purpose = "TREAT")
    {
        try
        {
            Opened = await Node.Client.GetProviderClient(Key).OpenAsync(ContentId.Parse(cid), purpose, HttpContext.RequestAborted);
            View = FhirView.Render(Opened.Content, Opened.ContentType);
        }
        catch (AccessDeniedException ex)
        {
            Problem = await RevokedAsync(cid) ?? Problems.Describe(ex);
        }
#pragma warning disable CA1031 // Shown to the person.
        catch (Exception ex) when (ex is MediBlocException or FormatException or ArgumentException)
#pragma warning restore CA1031
        {
            Problem = Problems.Describe(ex);
        }
    }

    /// <summary>When the grant this copy came under was revoked, says so and when.</summary>
    private async Task<string?> RevokedAsync(string cid)
    {
        var grantId = HttpContext.RequestServices.GetRequiredService<ShareIndex>().GrantOf(cid);
        if (grantId is null)
        {
            return null;
        }
        await foreach (var revoked in Node.AccessGrants.GetRevocationEventsAsync(cancellationToken: HttpContext.RequestAborted))
        {
            if (string.Equals(revoked.GrantId, grantId, StringComparison.OrdinalIgnoreCase))
            {
                var at = await Node.BlockTimeAsync(revoked.BlockNumber, HttpContext.RequestAborted);
                return $"Access was revoked by the patient on {at:yyyy-MM-dd 'at' HH:mm:ss 'UTC'}. Ask the patient to share again if you still need this record.";
            }
        }
        return null;
    }
}
