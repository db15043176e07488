using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Samples.Web.Pages.Clinician;

/// <summary>Records patients shared with me.</summary>
public sealed class IndexModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Clinician;

    /// <summary>The shared records.</summary>
    public IReadOnlyList<SharedWithMeRecord> Shared { get; private set; } = [];

    /// <summary>Lists them from the chain's grants.</summary>
    public async Task OnGetAsync()
    {
        var index = HttpContext.RequestServices.GetRequiredService<ShareIndex>();
        await TryAsync(async () =>
        {
            var shared = new List<SharedWithMeRecord>();
            await foreach (var record in Node.Client.GetProviderClient(Key).ListSharedWithMeAsync(HttpContext.RequestAborted))
            {
                index.Remember(record.Cid.ToString(), record.GrantId);
                shared.Add(record);
            }
            Shared = shared;
        });
    }
}
