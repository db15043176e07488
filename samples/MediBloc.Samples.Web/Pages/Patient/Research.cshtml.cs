using System.Numerics;
using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Research;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>Research: list records in the opt-in index (de-identified), and accept or decline matching data requests.</summary>
public sealed class ResearchModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>Requests that match my listed records.</summary>
    public IReadOnlyList<MatchingDataRequest> Requests { get; private set; } = [];

    /// <summary>My listings.</summary>
    public int Listed { get; private set; }

    private ShareIndex Memory => HttpContext.RequestServices.GetRequiredService<ShareIndex>();

    /// <summary>My answer to a request.</summary>
    public string? AnswerOf(BigInteger requestId) => Memory.AnswerOf(Me!.Address, requestId);

    /// <summary>Shows listings and requests.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Lists my FHIR records in the research index (codes, age bracket, region; never my account or the record).</summary>
    public IActionResult OnPostList(int age, string? region)
    {
        var key = Key;
        var node = Node;
        return StartJob("Listing my records for research", async (job, ct) =>
        {
            var patient = node.Client.GetPatientClient(key);
            var reader = node.Client.GetProviderClient(key);
            var mine = (await patient.ListMyRecordsAsync(ct)).Where(r => r.ContentType == FhirContentTypes.ResourceJson && r.Author is null).ToList();
            for (var i = 0; i < mine.Count; i++)
            {
                job.Report($"Listing record {i + 1} of {mine.Count} (sent by the relayer: nothing names you)…", 100 * i / Math.Max(1, mine.Count));
                var opened = await reader.OpenAsync(mine[i].Cid, ct);
                var codes = FhirResourceReader.Read(opened.Content).Metadata.Codes.Select(c => $"{c.System}|{c.Code}").Take(8).ToList();
                var metadata = new SearchMetadata(FhirContentTypes.ResourceJson, codes, SearchMetadata.AgeBracketOf(age), string.IsNullOrWhiteSpace(region) ? null : region.Trim());
                await patient.Research.PublishToSearchIndexAsync(mine[i].Commitment, metadata, cancellationToken: ct);
            }
            job.Report($"Listed {mine.Count} record(s).", 100);
            return "/Patient/Research";
        });
    }

    /// <summary>Consents to a request for my matching records.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(string requestId) =>
        await AnswerAsync(requestId, "consented", async (research, request) =>
        {
            foreach (var commitment in request.Commitments)
            {
                await research.ConsentToDataRequestAsync(request.Request.RequestId, commitment, cancellationToken: HttpContext.RequestAborted);
            }
            Memory.Consented(Me!.Address, request.Request.RequestId, request.Commitments);
            Notice = $"You consented for {request.Commitments.Count} record(s). Once the researcher accepts, release the keys here to be paid.";
        });

    /// <summary>Releases the data keys of accepted consents (the release pays a fresh address).</summary>
    public async Task<IActionResult> OnPostReleaseAsync(string requestId)
    {
        var id = BigInteger.Parse(requestId, System.Globalization.CultureInfo.InvariantCulture);
        var ok = await TryAsync(async () =>
        {
            var consent = Memory.ConsentsOf(Me!.Address).FirstOrDefault(c => c.RequestId == id);
            if (consent.Commitments is null)
            {
                throw new ArgumentException("You have not consented to that request on this device.");
            }
            var research = Node.Client.GetPatientClient(Key).Research;
            BigInteger paid = 0;
            foreach (var commitment in consent.Commitments)
            {
                paid += (await research.ReleaseDataRequestKeyAsync(id, commitment, cancellationToken: HttpContext.RequestAborted)).Amount;
            }
            Memory.Answer(Me!.Address, id, "released");
            Notice = $"Released; {(decimal)(paid / BigInteger.Pow(10, MedTokenClient.Decimals - 4)) / 10_000m} MED paid to fresh addresses only you can spend from.";
        });
        if (ok)
        {
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>My consents, remembered on this device.</summary>
    public IReadOnlyList<(BigInteger RequestId, IReadOnlyList<MediBloc.Sdk.Crypto.Commitment> Commitments)> Consents => Memory.ConsentsOf(Me!.Address);

    /// <summary>Declines a request: nothing is sent.</summary>
    public IActionResult OnPostDecline(string requestId)
    {
        Memory.Answer(Me!.Address, BigInteger.Parse(requestId, System.Globalization.CultureInfo.InvariantCulture), "declined");
        Notice = "Declined. Nothing was sent; the researcher learns nothing about you.";
        return RedirectToPage();
    }

    private async Task<IActionResult> AnswerAsync(string requestId, string answer, Func<Sdk.Roles.Patient.PatientResearchClient, MatchingDataRequest, Task> act)
    {
        var id = BigInteger.Parse(requestId, System.Globalization.CultureInfo.InvariantCulture);
        var ok = await TryAsync(async () =>
        {
            var research = Node.Client.GetPatientClient(Key).Research;
            MatchingDataRequest? request = null;
            await foreach (var r in research.GetMatchingDataRequestsAsync(cancellationToken: HttpContext.RequestAborted))
            {
                if (r.Request.RequestId == id)
                {
                    request = r;
                }
            }
            await act(research, request ?? throw new ArgumentException("That request no longer matches your records."));
            Memory.Answer(Me!.Address, id, answer);
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
            var research = Node.Client.GetPatientClient(Key).Research;
            var listed = 0;
            await foreach (var _ in research.GetSearchListingsAsync(HttpContext.RequestAborted))
            {
                listed++;
            }
            Listed = listed;
            var requests = new List<MatchingDataRequest>();
            await foreach (var r in research.GetMatchingDataRequestsAsync(cancellationToken: HttpContext.RequestAborted))
            {
                requests.Add(r);
            }
            Requests = requests;
        });
    }
}
