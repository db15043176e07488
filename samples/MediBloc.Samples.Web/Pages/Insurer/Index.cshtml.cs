using System.Globalization;
using System.Numerics;
using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Fhir.Claims;
using MediBloc.Sdk.Fhir;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Insurer;

/// <summary>One of my policies: its pool on chain and the claims filed under it.</summary>
/// <param name="Known">The policy and its declared rules.</param>
/// <param name="OnChain">The policy as the chain holds it.</param>
/// <param name="Claims">Its claims, oldest first.</param>
public sealed record MyPolicy(KnownPolicy Known, InsurancePolicy OnChain, IReadOnlyList<InsuranceClaim> Claims);

/// <summary>Open a policy with declared rules, fund it, enrol members, adjudicate and pay or deny their claims.</summary>
public sealed class IndexModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Insurer;

    /// <summary>The rules a new policy declares unless a rules file is uploaded.</summary>
    public AdjudicationRules Defaults { get; private set; } = PolicyBook.DefaultRules(DateTimeOffset.UnixEpoch);

    /// <summary>My policies.</summary>
    public IReadOnlyList<MyPolicy> Policies { get; private set; } = [];

    /// <summary>Patients on this device, to enrol.</summary>
    public IReadOnlyList<DeviceAccount> Patients => [.. Accounts.All.Where(a => a.Role == AccountRole.Patient)];

    private PolicyBook Book => HttpContext.RequestServices.GetRequiredService<PolicyBook>();

    /// <summary>Lists my policies and their claims.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Opens a policy under the default rules (or an uploaded rules JSON), hashing them on chain, and funds it.</summary>
    public async Task<IActionResult> OnPostOpenAsync(decimal fund, IFormFile? rules)
    {
        var ok = await TryAsync(async () =>
        {
            var ct = HttpContext.RequestAborted;
            var declared = PolicyBook.DefaultRules(await Node.ChainTimeAsync(ct));
            if (rules is { Length: > 0 })
            {
                using var buffer = new MemoryStream();
                await rules.CopyToAsync(buffer, ct);
                declared = AdjudicationRules.FromJson(buffer.ToArray());
            }
            declared.Validate();
            var insurer = Node.Client.GetInsurerClient(Key);
            var opened = await insurer.OpenPolicyAsync(declared.ComputeHash(), declared.CoverageStart, declared.CoverageEnd, declared.ToMed(declared.PerClaimCap), cancellationToken: ct);
            Book.Opened(new KnownPolicy(opened.PolicyId, Me!.Address, declared));
            if (fund > 0)
            {
                await insurer.FundPolicyAsync(opened.PolicyId, Med(fund), ct);
            }
            Notice = $"Opened policy #{opened.PolicyId} (its rules hash on chain) and funded it with {fund.ToString(CultureInfo.InvariantCulture)} MED.";
        });
        return await AfterAsync(ok);
    }

    /// <summary>Adds MED to a policy's pool.</summary>
    public async Task<IActionResult> OnPostFundAsync(string policyId, decimal amount)
    {
        var ok = await TryAsync(async () =>
        {
            var id = BigInteger.Parse(policyId, CultureInfo.InvariantCulture);
            await Node.Client.GetInsurerClient(Key).FundPolicyAsync(id, Med(amount), HttpContext.RequestAborted);
            Notice = $"Funded policy #{id} with {amount.ToString(CultureInfo.InvariantCulture)} MED.";
        });
        return await AfterAsync(ok);
    }

    /// <summary>Enrols a member in a policy.</summary>
    public async Task<IActionResult> OnPostEnrollAsync(string policyId, string member)
    {
        var ok = await TryAsync(async () =>
        {
            var id = BigInteger.Parse(policyId, CultureInfo.InvariantCulture);
            var account = Accounts.Find(member) ?? throw new ArgumentException("Pick a patient account on this device.");
            await Node.Client.GetInsurerClient(Key).EnrollAsync(id, account.EvmAddress, cancellationToken: HttpContext.RequestAborted);
            Book.Enrolled(id, account.Address);
            Notice = $"Enrolled {account.Display} in policy #{id}.";
        });
        return await AfterAsync(ok);
    }

    /// <summary>Opens a filed claim and its records, adjudicates it by the policy's declared rules, and pays or denies it.</summary>
    public async Task<IActionResult> OnPostAdjudicateAsync(string claimId)
    {
        var ok = await TryAsync(async () =>
        {
            var ct = HttpContext.RequestAborted;
            var insurer = Node.Client.GetInsurerClient(Key);
            var submitted = await insurer.OpenClaimAsync(claimId, ct);
            var policy = Book.Find(submitted.Claim.PolicyId) ?? throw new ArgumentException("That policy's declared rules are not known to this app.");
            // The duplicate ledger (one claim per encounter, whatever record holds it), rebuilt from the claims filed before this one.
            var (ledger, _) = await EncounterClaimLedger.RebuildAsync(insurer, submitted.Claim.PolicyId, before: submitted.Claim.ClaimId, cancellationToken: ct);
            var decision = new ClaimAdjudicator(policy.Rules, new FhirResourceValidator()).Adjudicate(submitted, ledger);
            if (decision.IsPaid)
            {
                await insurer.PayClaimAsync(submitted, decision.PayableMed, decision.ToDocument(), ClaimDecision.DocumentContentType, ct);
                Notice = $"Paid: submitted {decision.Submitted}, eligible {decision.Eligible}, deductible {decision.Deductible}, co-pay {decision.CoPay}, benefit {decision.Benefit} = {PolicyBook.FormatMed(decision.PayableMed)} MED (read {submitted.Records.Count} records).";
            }
            else
            {
                await insurer.DenyClaimAsync(submitted, decision.DenialReason, decision.ToDocument(), ClaimDecision.DocumentContentType, ct);
                Notice = $"Denied by rule: {decision.DenialReason}.";
            }
        });
        return await AfterAsync(ok);
    }

    private static BigInteger Med(decimal med) => new BigInteger(decimal.Round(med * 10_000m)) * BigInteger.Pow(10, MedTokenClient.Decimals - 4);

    private async Task<IActionResult> AfterAsync(bool ok)
    {
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
            var ct = HttpContext.RequestAborted;
            Defaults = PolicyBook.DefaultRules(await Node.ChainTimeAsync(ct));
            var insurer = Node.Client.GetInsurerClient(Key);
            var policies = new List<MyPolicy>();
            foreach (var known in Book.OpenedBy(Me!.Address))
            {
                var onChain = await insurer.GetPolicyAsync(known.PolicyId, ct);
                if (onChain is null)
                {
                    continue;
                }
                var claims = new List<InsuranceClaim>();
                await foreach (var filed in insurer.ListClaimsAsync(known.PolicyId, ct))
                {
                    if (await insurer.GetClaimAsync(filed.ClaimId, ct) is { } claim)
                    {
                        claims.Add(claim);
                    }
                }
                policies.Add(new MyPolicy(known, onChain, claims));
            }
            Policies = policies;
        });
    }
}
