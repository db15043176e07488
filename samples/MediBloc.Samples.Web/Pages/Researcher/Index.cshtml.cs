using System.Globalization;
using System.Numerics;
using MediBloc.Samples.Web.Node;
using MediBloc.Samples.Web.Rendering;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Research;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Researcher;

/// <summary>One of my data requests: consents to review and records delivered.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Pending">Consents waiting for my review.</param>
/// <param name="Delivered">Titles of the records delivered (opened on this device).</param>
public sealed record MyRequest(BigInteger RequestId, int Pending, IReadOnlyList<string> Delivered);

/// <summary>Search the opt-in index, post a paid data request, review consents, open delivered records.</summary>
public sealed class IndexModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Researcher;

    /// <summary>The code searched.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>De-identified candidates found.</summary>
    public IReadOnlyList<SearchCandidate> Candidates { get; private set; } = [];

    /// <summary>My requests.</summary>
    public IReadOnlyList<MyRequest> Requests { get; private set; } = [];

    private ShareIndex Memory => HttpContext.RequestServices.GetRequiredService<ShareIndex>();

    /// <summary>Searches (when a code is given) and lists my requests.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Posts a request to the candidates of <see cref="Code"/>, with MED in escrow.</summary>
    public async Task<IActionResult> OnPostPostAsync(string description, decimal price, int maxRecords, int days)
    {
        var ok = await TryAsync(async () =>
        {
            var researcher = Node.Client.GetResearcherClient(Key);
            var candidates = await SearchAsync();
            if (candidates.Count == 0)
            {
                throw new ArgumentException("No candidate matches that code: search first.");
            }
            var deadline = (await Node.ChainTimeAsync(HttpContext.RequestAborted)).AddDays(Math.Clamp(days, 1, 365));
            var posted = await researcher.PostRequestAsync(
                new DataRequestCriteria { Description = description, Query = new SearchQuery { ContentType = FhirContentTypes.ResourceJson, Codes = [Code!] }, Handles = [.. candidates.Select(c => c.Handle)] },
                new BigInteger(price * 10_000m) * BigInteger.Pow(10, MedTokenClient.Decimals - 4), Math.Max(1, maxRecords), deadline, HttpContext.RequestAborted);
            Memory.Posted(Me!.Address, posted.RequestId);
            Notice = $"Posted request #{posted.RequestId} to {candidates.Count} candidate(s).";
        });
        if (ok)
        {
            return RedirectToPage(new { Code });
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Accepts every pending consent of a request.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(string requestId)
    {
        var id = BigInteger.Parse(requestId, CultureInfo.InvariantCulture);
        var ok = await TryAsync(async () =>
        {
            var researcher = Node.Client.GetResearcherClient(Key);
            var handles = new List<string>();
            await foreach (var c in researcher.ListConsentsAsync(id, HttpContext.RequestAborted))
            {
                handles.Add(c.Handle);
            }
            await researcher.AcceptConsentsAsync(id, handles, HttpContext.RequestAborted);
            Notice = $"Accepted {handles.Count} consent(s); each patient's key release pays them and delivers the record.";
        });
        if (ok)
        {
            return RedirectToPage(new { Code });
        }
        await LoadAsync();
        return Page();
    }

    private async Task<List<SearchCandidate>> SearchAsync()
    {
        var found = new List<SearchCandidate>();
        if (!string.IsNullOrWhiteSpace(Code))
        {
            await foreach (var c in Node.Client.GetResearcherClient(Key).SearchAsync(new SearchQuery { ContentType = FhirContentTypes.ResourceJson, Codes = [Code.Trim()] }, cancellationToken: HttpContext.RequestAborted))
            {
                found.Add(c);
            }
        }
        return found;
    }

    private async Task LoadAsync()
    {
        await TryAsync(async () =>
        {
            Candidates = await SearchAsync();
            var researcher = Node.Client.GetResearcherClient(Key);
            var requests = new List<MyRequest>();
            foreach (var id in Memory.RequestsOf(Me!.Address))
            {
                var pending = 0;
                await foreach (var c in researcher.ListConsentsAsync(id, HttpContext.RequestAborted))
                {
                    pending += c.Status == Sdk.Contracts.DataMarket.DataConsentStatus.Pending ? 1 : 0;
                }
                var delivered = new List<string>();
                await foreach (var release in researcher.ListDeliveriesAsync(id, HttpContext.RequestAborted))
                {
                    var record = await researcher.OpenAsync(release, HttpContext.RequestAborted);
                    delivered.Add(FhirView.Render(record.Content, record.ContentType).Title);
                }
                requests.Add(new MyRequest(id, pending, delivered));
            }
            Requests = requests;
        });
    }
}
