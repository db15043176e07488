using MediBloc.Samples.Web.Node;
using MediBloc.Samples.Web.Rendering;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>One of my records, opened on this device and rendered, with its integrity facts.</summary>
public sealed class RecordModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>The opened record.</summary>
    public OpenedRecord? Opened { get; private set; }

    /// <summary>Its rendering.</summary>
    public RenderedResource? View { get; private set; }

    /// <summary>Opens and verifies the record.</summary>
    public async Task OnGetAsync(string cid)
    {
        await TryAsync(async () =>
        {
            Opened = await Node.Client.GetProviderClient(Key).OpenAsync(ContentId.Parse(cid), HttpContext.RequestAborted);
            View = FhirView.Render(Opened.Content, Opened.ContentType);
        });
    }
}
