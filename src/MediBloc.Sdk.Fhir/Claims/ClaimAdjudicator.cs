using System.Globalization;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts.InsuranceClaims;

namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>
/// Adjudicates FHIR R4 claims by declared <see cref="AdjudicationRules"/> (see there for the order of the rules) into
/// a <see cref="ClaimDecision"/> with a ClaimResponse and an ExplanationOfBenefit, both checked with Firely's validator.
/// Deterministic: the same claim and rules give the same amounts.
/// </summary>
public class ClaimAdjudicator
{
    private const string AdjudicationSystem = "http://terminology.hl7.org/CodeSystem/adjudication";
    private readonly AdjudicationRules _rules = null!;
    private readonly FhirResourceValidator _validator = null!;

    /// <summary>For mocking only.</summary>
    protected ClaimAdjudicator()
    {
    }

    /// <summary>Creates an adjudicator for one policy's rules.</summary>
    /// <param name="rules">The declared rules.</param>
    /// <param name="validator">The validator claims and decisions are checked with.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The rules fail <see cref="AdjudicationRules.Validate"/>.</exception>
    public ClaimAdjudicator(AdjudicationRules rules, FhirResourceValidator validator)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(validator);
        rules.Validate();
        _rules = rules;
        _validator = validator;
    }

    /// <summary>Validates a claim against FHIR R4 (Firely).</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>The validation result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is null.</exception>
    public virtual FhirValidationResult ValidateClaim(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _validator.Validate(claim);
    }

    /// <summary>Parses a claim document (FHIR JSON) as a patient filed it.</summary>
    /// <param name="claimJson">The claim's JSON.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="FhirFormatException">The JSON is not a FHIR R4 Claim.</exception>
    public static Claim ParseClaim(ReadOnlyMemory<byte> claimJson) => FhirJson.Parse<Claim>(claimJson);

    /// <summary>Serializes a claim to the JSON a patient files.</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>UTF-8 JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is null.</exception>
    public static byte[] SerializeClaim(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return FhirJson.Serialize(claim);
    }

    /// <summary>Adjudicates a claim: an invalid claim is denied (<see cref="ClaimDenialReason.InvalidClaim"/>), otherwise the rules decide.</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>The decision; its ClaimResponse and ExplanationOfBenefit are valid FHIR R4.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A decision resource failed validation (a defect of this class, reported with the validator's first error).</exception>
    public virtual ClaimDecision Adjudicate(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return Decide(claim, ClaimDenialReason.None);
    }

    /// <summary>
    /// Adjudicates a filed claim against the policy's duplicate ledger first: a claim that rests on no encounter (the
    /// encounter record it names on chain is not among its records, is not an Encounter, or the claim bills another
    /// encounter) is denied <see cref="ClaimDenialReason.InvalidClaim"/>; a claim whose encounter an earlier claim
    /// holds in <paramref name="ledger"/> is denied <see cref="ClaimDenialReason.Duplicate"/>; otherwise the claim
    /// takes the encounter in the ledger and the rules decide, as <see cref="Adjudicate(Claim)"/>.
    /// </summary>
    /// <param name="submitted">The claim, as <c>InsurerClient.OpenClaimAsync</c> returned it.</param>
    /// <param name="ledger">The policy's ledger (updated).</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The ledger is another policy's.</exception>
    /// <exception cref="FhirFormatException">The claim document is not a FHIR R4 Claim.</exception>
    /// <exception cref="InvalidOperationException">A decision resource failed validation (a defect of this class).</exception>
    public virtual ClaimDecision Adjudicate(SubmittedClaim submitted, EncounterClaimLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(ledger);
        if (ledger.PolicyId != submitted.Claim.PolicyId)
        {
            throw new ArgumentException($"The ledger is policy {ledger.PolicyId}'s; the claim was filed under policy {submitted.Claim.PolicyId}.", nameof(ledger));
        }
        var claim = ParseClaim(submitted.ClaimDocument);
        if (EncounterClaimLedger.EncounterKey(submitted, claim) is not { } key)
        {
            return Decide(claim, ClaimDenialReason.InvalidClaim);
        }
        return Decide(claim, ledger.Register(submitted.Claim.ClaimId, key) is null ? ClaimDenialReason.None : ClaimDenialReason.Duplicate);
    }

    private ClaimDecision Decide(Claim claim, ClaimDenialReason preset)
    {
        var items = new List<ItemResult>();
        var reason = preset;
        if (reason == ClaimDenialReason.None && !ValidateClaim(claim).IsValid)
        {
            reason = ClaimDenialReason.InvalidClaim;
        }
        else if (reason == ClaimDenialReason.None && (ServiceDate(claim) is not { } date || date < _rules.CoverageStart || date >= _rules.CoverageEnd))
        {
            reason = ClaimDenialReason.OutsideCoveragePeriod;
        }
        else if (reason == ClaimDenialReason.None && (claim.Diagnosis.Any(d => Excluded((d.Diagnosis as CodeableConcept)?.Coding)) || claim.Item.Any(i => Excluded(i.ProductOrService?.Coding))))
        {
            reason = ClaimDenialReason.Excluded;
        }
        foreach (var item in claim.Item)
        {
            var net = item.Net?.Value ?? 0m;
            var quantity = item.Quantity?.Value ?? 1m;
            var excluded = Excluded(item.ProductOrService?.Coding);
            var covered = excluded ? null : Match(item);
            items.Add(new ItemResult(item.Sequence ?? items.Count + 1, item.ProductOrService, net, covered is null ? 0m : Math.Min(net, covered.AllowedAmount * quantity), excluded));
        }
        var submitted = items.Sum(i => i.Net);
        var eligible = reason == ClaimDenialReason.None ? items.Sum(i => i.Eligible) : 0m;
        if (reason == ClaimDenialReason.None && eligible == 0m)
        {
            reason = ClaimDenialReason.NotCovered;
        }
        var deductible = Math.Min(_rules.Deductible, eligible);
        var coPay = Math.Round((eligible - deductible) * _rules.CoPayPercent / 100m, 2, MidpointRounding.AwayFromZero);
        var benefit = Math.Min(eligible - deductible - coPay, _rules.PerClaimCap);
        if (reason == ClaimDenialReason.None && benefit <= 0m)
        {
            reason = ClaimDenialReason.NothingPayable;
        }
        if (reason != ClaimDenialReason.None)
        {
            (deductible, coPay, benefit) = (0m, 0m, 0m);
        }
        var payable = _rules.ToMed(benefit);
        var totals = new Totals(submitted, eligible, deductible, coPay, benefit);
        var response = DecisionResources.Response(claim, reason, items, totals, _rules.Currency);
        var eob = DecisionResources.Explanation(claim, reason, items, totals, _rules.Currency);
        Check(response);
        Check(eob);
        return new ClaimDecision(reason, submitted, eligible, deductible, coPay, benefit, payable, response, eob);
    }

    private void Check(Resource resource)
    {
        var result = _validator.Validate(resource);
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"The {resource.TypeName} built for the decision is not valid FHIR R4: {result.Errors[0].Message}");
        }
    }

    private static DateTimeOffset? ServiceDate(Claim claim)
    {
        var text = claim.BillablePeriod?.Start ?? (claim.Item.FirstOrDefault()?.Serviced as Date)?.Value;
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
    }

    private bool Excluded(IEnumerable<Coding>? codings) =>
        codings is not null && codings.Any(c => _rules.Exclusions.Any(x => x.System == c.System && x.Code == c.Code));

    private CoveredService? Match(Claim.ItemComponent item)
    {
        var codes = item.ProductOrService?.Coding ?? [];
        var categories = item.Category?.Coding ?? [];
        return _rules.Covered.FirstOrDefault(s => s.Code is not null && codes.Any(c => c.System == s.System && c.Code == s.Code))
            ?? _rules.Covered.FirstOrDefault(s => s.Code is null && s.Category is not null && categories.Any(c => c.System == s.System && c.Code == s.Category));
    }

    internal sealed record ItemResult(int Sequence, CodeableConcept? Service, decimal Net, decimal Eligible, bool Excluded);

    internal sealed record Totals(decimal Submitted, decimal Eligible, decimal Deductible, decimal CoPay, decimal Benefit);

    internal static CodeableConcept Category(string code) => new(AdjudicationSystem, code);
}
