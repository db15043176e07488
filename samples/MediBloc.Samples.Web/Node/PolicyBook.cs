using System.Collections.Concurrent;
using System.Numerics;
using MediBloc.Sdk.Fhir.Claims;

namespace MediBloc.Samples.Web.Node;

/// <summary>A policy opened in this app: its insurer and the declared rules whose hash is on chain.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="Insurer">The insurer's address.</param>
/// <param name="Rules">The declared adjudication rules.</param>
public sealed record KnownPolicy(BigInteger PolicyId, string Insurer, AdjudicationRules Rules);

/// <summary>
/// What the app remembers about insurance, in memory: the declared rules of each policy opened here (the chain holds
/// only their hash) and which members each policy enrolled, so a patient can pick a policy to file under.
/// </summary>
public sealed class PolicyBook
{
    /// <summary>SNOMED CT.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>RxNorm.</summary>
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private readonly ConcurrentDictionary<BigInteger, KnownPolicy> _policies = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<BigInteger, bool>> _members = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The default declared rules: a check-up and a medication review covered, pharmacy items capped, cosmetic procedures excluded.</summary>
    public static AdjudicationRules DefaultRules(DateTimeOffset now) => new()
    {
        CoverageStart = now.AddDays(-30),
        CoverageEnd = now.AddYears(1),
        Deductible = 50m,
        CoPayPercent = 20m,
        PerClaimCap = 1000m,
        MedPerUnit = 0.1m,
        Covered =
        [
            new CoveredService(Snomed, "185349003", 120m),
            new CoveredService(Snomed, "430193006", 100m),
            new CoveredService(ClaimBuilder.CategorySystem, null, 15m) { Category = "pharmacy" },
        ],
        Exclusions = [new ExcludedCode(Snomed, "243114000")],
    };

    /// <summary>The clinic's charge list the patient's claims are priced with (a demo price list).</summary>
    public static ClaimBuildOptions Charges(DateTimeOffset now)
    {
        var options = new ClaimBuildOptions { InsurerReference = "Organization/insurer", CoverageReference = "Coverage/member", Created = now, DefaultCharge = 100m };
        options.Charges[Snomed + "|185349003"] = 150m;
        options.Charges[Snomed + "|430193006"] = 80m;
        options.Charges[Snomed + "|243114000"] = 400m;
        options.Charges[RxNorm + "|860975"] = 20m;
        return options;
    }

    /// <summary>MED in whole units with up to four decimals.</summary>
    public static string FormatMed(BigInteger wei) =>
        ((decimal)(wei / BigInteger.Pow(10, MediBloc.Sdk.Contracts.MedToken.MedTokenClient.Decimals - 4)) / 10_000m).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Remembers an opened policy.</summary>
    public void Opened(KnownPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policies[policy.PolicyId] = policy;
    }

    /// <summary>Remembers an enrolment.</summary>
    public void Enrolled(BigInteger policyId, string member) =>
        _members.GetOrAdd(member, _ => new ConcurrentDictionary<BigInteger, bool>())[policyId] = true;

    /// <summary>A policy opened here.</summary>
    public KnownPolicy? Find(BigInteger policyId) => _policies.TryGetValue(policyId, out var p) ? p : null;

    /// <summary>The policies an insurer opened here, oldest first.</summary>
    public IReadOnlyList<KnownPolicy> OpenedBy(string insurer) =>
        [.. _policies.Values.Where(p => string.Equals(p.Insurer, insurer, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.PolicyId)];

    /// <summary>The policies a member was enrolled in here.</summary>
    public IReadOnlyList<KnownPolicy> MemberOf(string member) =>
        _members.TryGetValue(member, out var ids) ? [.. ids.Keys.Order().Select(Find).OfType<KnownPolicy>()] : [];
}
