using System.Globalization;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>
/// Builds a FHIR R4 <c>Claim</c> (professional, use <c>claim</c>) from one encounter's records: the encounter's type
/// becomes the first item, each <c>Procedure</c> and <c>MedicationRequest</c> of the encounter an item, each
/// <c>Condition</c> a diagnosis; the patient, the coverage and the insurer are referenced. Items are charged from
/// <see cref="ClaimBuildOptions.Charges"/>.
/// </summary>
public static class ClaimBuilder
{
    /// <summary>The code system of the item categories this builder sets (<c>pharmacy</c> for medications); match them with a <see cref="CoveredService"/> whose <c>Code</c> is null.</summary>
    public const string CategorySystem = "https://medibloc.org/fhir/CodeSystem/claim-item-category";

    private const string ClaimTypeSystem = "http://terminology.hl7.org/CodeSystem/claim-type";
    private const string PrioritySystem = "http://terminology.hl7.org/CodeSystem/processpriority";

    /// <summary>Builds the claim for <paramref name="encounter"/> from the records that name it.</summary>
    /// <param name="encounter">The encounter (its <c>subject</c> is the patient).</param>
    /// <param name="records">The patient's records; those whose encounter is <paramref name="encounter"/> are billed, the rest ignored.</param>
    /// <param name="options">Insurer, coverage and charges.</param>
    /// <returns>The claim (not yet validated: see <see cref="ClaimAdjudicator.ValidateClaim"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The encounter has no id, type or subject; a reference option is missing; or a billed code has no charge and no default.</exception>
    public static Claim Build(Encounter encounter, IEnumerable<Resource> records, ClaimBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.InsurerReference, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CoverageReference, nameof(options));
        if (string.IsNullOrEmpty(encounter.Id) || encounter.Subject?.Reference is null || encounter.Type.FirstOrDefault()?.Coding.FirstOrDefault() is null)
        {
            throw new ArgumentException("The encounter needs an id, a subject and a coded type.", nameof(encounter));
        }
        var encounterRef = "Encounter/" + encounter.Id;
        var period = encounter.Period;
        var start = period?.Start ?? throw new ArgumentException("The encounter needs a period start (the service date).", nameof(encounter));
        var claim = new Claim
        {
            Id = "claim-" + encounter.Id,
            Status = FinancialResourceStatusCodes.Active,
            Type = new CodeableConcept(ClaimTypeSystem, "professional"),
            Use = ClaimUseCode.Claim,
            Patient = new ResourceReference(encounter.Subject.Reference),
            BillablePeriod = new Period { Start = start, End = period.End ?? start },
            Created = (options.Created ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Insurer = new ResourceReference(options.InsurerReference),
            Provider = new ResourceReference(options.ProviderReference ?? encounter.ServiceProvider?.Reference ?? options.InsurerReference),
            Priority = new CodeableConcept(PrioritySystem, "normal"),
            Insurance = [new Claim.InsuranceComponent { Sequence = 1, Focal = true, Coverage = new ResourceReference(options.CoverageReference) }],
        };
        var serviceDate = start.Length >= 10 ? start[..10] : start;
        AddItem(claim, encounter.Type[0].Coding[0], encounterRef, serviceDate, options);
        foreach (var record in records)
        {
            switch (record)
            {
                case Procedure p when Names(p.Encounter, encounter.Id) && p.Code?.Coding.FirstOrDefault() is { } code:
                    AddItem(claim, code, encounterRef, serviceDate, options);
                    break;
                case MedicationRequest m when Names(m.Encounter, encounter.Id) && (m.Medication as CodeableConcept)?.Coding.FirstOrDefault() is { } med:
                    AddItem(claim, med, encounterRef, serviceDate, options, category: "pharmacy");
                    break;
                case Condition c when Names(c.Encounter, encounter.Id) && c.Code?.Coding.FirstOrDefault() is { } dx:
                    claim.Diagnosis.Add(new Claim.DiagnosisComponent { Sequence = claim.Diagnosis.Count + 1, Diagnosis = new CodeableConcept(dx.System, dx.Code, dx.Display) });
                    break;
            }
        }
        claim.Total = new Money { Value = claim.Item.Sum(i => i.Net?.Value ?? 0m), Currency = Currency(options.Currency) };
        return claim;
    }

    private static void AddItem(Claim claim, Coding code, string encounterRef, string serviceDate, ClaimBuildOptions options, string? category = null)
    {
        var charge = options.Charges.TryGetValue(code.System + "|" + code.Code, out var c) || options.Charges.TryGetValue(code.Code ?? string.Empty, out c)
            ? c
            : options.DefaultCharge ?? throw new ArgumentException($"No charge for the billed code {code.System}|{code.Code}; add it to ClaimBuildOptions.Charges or set DefaultCharge.", nameof(options));
        var item = new Claim.ItemComponent
        {
            Sequence = claim.Item.Count + 1,
            ProductOrService = new CodeableConcept(code.System, code.Code, code.Display),
            Serviced = new Date(serviceDate),
            Quantity = new Quantity { Value = 1 },
            UnitPrice = new Money { Value = charge, Currency = Currency(options.Currency) },
            Net = new Money { Value = charge, Currency = Currency(options.Currency) },
            Encounter = [new ResourceReference(encounterRef)],
        };
        if (category is not null)
        {
            item.Category = new CodeableConcept(CategorySystem, category, category);
        }
        claim.Item.Add(item);
    }

    private static bool Names(ResourceReference? reference, string encounterId) =>
        reference?.Reference is { } r && (r == "Encounter/" + encounterId || r.EndsWith(":" + encounterId, StringComparison.Ordinal) || r.EndsWith("/" + encounterId, StringComparison.Ordinal));

    internal static Money.Currencies? Currency(string code) =>
        Enum.TryParse<Money.Currencies>(code, out var c) ? c : throw new ArgumentException($"Unknown currency {code}.", nameof(code));
}
