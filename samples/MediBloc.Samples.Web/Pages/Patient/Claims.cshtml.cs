using System.Globalization;
using System.Numerics;
using Hl7.Fhir.Model;
using MediBloc.Samples.Web.Node;
using MediBloc.Samples.Web.Rendering;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Fhir.Claims;
using Microsoft.AspNetCore.Mvc;
using Task = System.Threading.Tasks.Task;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>An encounter in my records and the records that name it.</summary>
/// <param name="Encounter">The encounter.</param>
/// <param name="Title">What it is.</param>
/// <param name="Records">The encounter's resources (itself first) and their commitments.</param>
public sealed record MyEncounter(Encounter Encounter, string Title, IReadOnlyList<(Resource Resource, Commitment Commitment)> Records);

/// <summary>One of my claims: where it stands and, once decided, the ExplanationOfBenefit.</summary>
/// <param name="Claim">The claim on chain.</param>
/// <param name="Eob">The insurer's ExplanationOfBenefit, once decided.</param>
public sealed record MyClaim(InsuranceClaim Claim, ExplanationOfBenefit? Eob);

/// <summary>File a claim for an encounter in my records to a policy I am a member of; see its status and EOB.</summary>
public sealed class ClaimsModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>The encounters in my records.</summary>
    public IReadOnlyList<MyEncounter> Encounters { get; private set; } = [];

    /// <summary>The policies I am enrolled in (on this app).</summary>
    public IReadOnlyList<KnownPolicy> Policies { get; private set; } = [];

    /// <summary>My claims, newest first.</summary>
    public IReadOnlyList<MyClaim> Claims { get; private set; } = [];

    private PolicyBook Book => HttpContext.RequestServices.GetRequiredService<PolicyBook>();

    /// <summary>Lists encounters, policies and claims.</summary>
    public async Task OnGetAsync()
    {
        await TryAsync(LoadAsync);
    }

    /// <summary>Builds the claim from the encounter's records and files it, granting the insurer a payment-purpose read of exactly those records.</summary>
    public async Task<IActionResult> OnPostFileAsync(string encounter, string policyId)
    {
        var ok = await TryAsync(async () =>
        {
            var ct = HttpContext.RequestAborted;
            var encounters = await EncountersAsync(ct);
            var chosen = encounters.FirstOrDefault(e => e.Encounter.Id == encounter) ?? throw new ArgumentException("Pick an encounter from your records.");
            var policy = Book.MemberOf(Me!.Address).FirstOrDefault(p => p.PolicyId.ToString(CultureInfo.InvariantCulture) == policyId)
                ?? throw new ArgumentException("Pick a policy you are a member of.");
            var insurer = Accounts.Find(policy.Insurer) ?? throw new ArgumentException("The policy's insurer is not known on this device.");
            var now = await Node.ChainTimeAsync(ct);
            var claim = ClaimBuilder.Build(chosen.Encounter, chosen.Records.Select(r => r.Resource), PolicyBook.Charges(now));
            await Node.Client.GetPatientClient(Key).Insurance.FileClaimAsync(
                new ClaimSubmission(policy.PolicyId, insurer.Key, ClaimAdjudicator.SerializeClaim(claim), [.. chosen.Records.Select(r => r.Commitment)],
                    policy.Rules.ToMed(claim.Total!.Value!.Value), now.AddDays(90))
                { EncounterRecord = chosen.Records.First(r => r.Resource is Encounter).Commitment },
                ct);
            Notice = $"Filed a claim for {claim.Total.Value} {claim.Total.Currency} under policy #{policy.PolicyId}; the insurer may read the {chosen.Records.Count} records of this encounter, for payment only.";
        });
        if (ok)
        {
            return RedirectToPage();
        }
        await TryAsync(LoadAsync);
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Encounters = await EncountersAsync(ct);
        Policies = Book.MemberOf(Me!.Address);
        var insurance = Node.Client.GetPatientClient(Key).Insurance;
        var claims = new List<MyClaim>();
        await foreach (var filed in insurance.ListClaimsAsync(ct))
        {
            if (await insurance.GetClaimAsync(filed.ClaimId, ct) is not { } claim)
            {
                continue;
            }
            ExplanationOfBenefit? eob = null;
            if (claim.Status is InsuranceClaimStatus.Paid or InsuranceClaimStatus.Denied && await insurance.GetOutcomeAsync(filed.ClaimId, ct) is { } outcome)
            {
                eob = ClaimDecision.ReadExplanationOfBenefit(outcome.Document);
            }
            claims.Add(new MyClaim(claim, eob));
        }
        claims.Reverse();
        Claims = claims;
    }

    private async Task<IReadOnlyList<MyEncounter>> EncountersAsync(CancellationToken ct)
    {
        var records = await Node.Client.GetPatientClient(Key).ListMyRecordsAsync(ct);
        var reader = Node.Client.GetProviderClient(Key);
        var opened = new List<(Resource Resource, Commitment Commitment)>();
        foreach (var record in records.Where(r => r.ContentType == FhirContentTypes.ResourceJson))
        {
            var content = await reader.OpenAsync(record.Cid, ct);
            if (FhirView.TryParse(content.Content) is { } resource)
            {
                opened.Add((resource, record.Commitment));
            }
        }
        return [.. opened.Where(r => r.Resource is Encounter).Select(r =>
        {
            var encounter = (Encounter)r.Resource;
            var reference = "Encounter/" + encounter.Id;
            var linked = opened.Where(o => EncounterOf(o.Resource) == reference).ToList();
            var title = $"{encounter.Type.FirstOrDefault()?.Coding.FirstOrDefault()?.Display ?? "Encounter"} on {encounter.Period?.Start?[..Math.Min(10, encounter.Period.Start.Length)]}";
            return new MyEncounter(encounter, title, [r, .. linked]);
        })];
    }

    private static string? EncounterOf(Resource resource) => resource switch
    {
        Procedure p => p.Encounter?.Reference,
        Condition c => c.Encounter?.Reference,
        MedicationRequest m => m.Encounter?.Reference,
        Observation o => o.Encounter?.Reference,
        _ => null,
    };

    /// <summary>The MED of a claim, readable.</summary>
    public static string Med(BigInteger wei) => PolicyBook.FormatMed(wei);
}
