using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Sdk.Fhir.Claims;

namespace MediBloc.IntegrationTests.Claims;

/// <summary>One encounter's records (a check-up with a medication review, diabetes, metformin) and the rules and charges the claim tests use.</summary>
internal static class ClaimsKit
{
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    public const string Snomed = "http://snomed.info/sct";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string CheckUp = "185349003";
    public const string MedicationReview = "430193006";
    public const string Diabetes = "44054006";
    public const string Metformin = "860975";
    public const string CosmeticProcedure = "243114000";

    /// <summary>The clinic's encounter identifier system (a business identifier survives re-publishing).</summary>
    public const string VisitSystem = "urn:example:clinic:visit";

    /// <summary>
    /// The encounter's resources, dated a day before <paramref name="now"/>; with <paramref name="cosmetic"/>, the
    /// procedure is an excluded one; with <paramref name="visit"/>, the encounter carries that business identifier.
    /// </summary>
    public static IReadOnlyList<Resource> EncounterRecords(string encounterId, DateTimeOffset now, bool cosmetic = false, string? visit = null)
    {
        var day = now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = new ResourceReference("Patient/claims-patient");
        var encounterRef = new ResourceReference("Encounter/" + encounterId);
        return
        [
            new Encounter
            {
                Id = encounterId, Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
                Type = [new CodeableConcept(Snomed, CheckUp, "Encounter for check up")], Subject = subject,
                Period = new Period { Start = day + "T09:00:00Z", End = day + "T09:30:00Z" }, ServiceProvider = new ResourceReference("Organization/clinic"),
                Identifier = visit is null ? [] : [new Identifier(VisitSystem, visit)],
            },
            new Procedure
            {
                Id = encounterId + "-proc", Status = EventStatus.Completed, Subject = subject, Encounter = encounterRef,
                Code = cosmetic ? new CodeableConcept(Snomed, CosmeticProcedure, "Cosmetic procedure") : new CodeableConcept(Snomed, MedicationReview, "Medication reconciliation"),
            },
            new Condition { Id = encounterId + "-dx", Subject = subject, Encounter = encounterRef, Code = new CodeableConcept(Snomed, Diabetes, "Diabetes mellitus type 2") },
            new MedicationRequest
            {
                Id = encounterId + "-rx", Status = MedicationRequest.MedicationrequestStatus.Active, Intent = MedicationRequest.MedicationRequestIntent.Order,
                Subject = subject, Encounter = encounterRef, Medication = new CodeableConcept(RxNorm, Metformin, "metformin 500 MG"),
            },
        ];
    }

    /// <summary>The records as the patient publishes them (FHIR JSON).</summary>
    public static byte[] Json(Resource resource) => Encoding.UTF8.GetBytes(Serializer.SerializeToString(resource));

    /// <summary>Charges: check-up 150, medication review 80, cosmetic 400, metformin 20 (USD).</summary>
    public static ClaimBuildOptions BuildOptions(DateTimeOffset now)
    {
        var options = new ClaimBuildOptions { InsurerReference = "Organization/acme-health", CoverageReference = "Coverage/member-1", Created = now };
        options.Charges[Snomed + "|" + CheckUp] = 150m;
        options.Charges[Snomed + "|" + MedicationReview] = 80m;
        options.Charges[Snomed + "|" + CosmeticProcedure] = 400m;
        options.Charges[RxNorm + "|" + Metformin] = 20m;
        return options;
    }

    /// <summary>
    /// Check-up allowed 120, medication review 100, pharmacy 15 per item; cosmetic excluded; deductible 50, co-pay 20 %,
    /// cap 1000, one MED per dollar. The plain encounter: eligible 120 + 80 + 15 = 215, less 50, less 33 co-pay: 132 MED.
    /// </summary>
    public static AdjudicationRules Rules(DateTimeOffset now) => new()
    {
        CoverageStart = now.AddDays(-30),
        CoverageEnd = now.AddYears(1),
        Deductible = 50m,
        CoPayPercent = 20m,
        PerClaimCap = 1000m,
        MedPerUnit = 1m,
        Covered =
        [
            new CoveredService(Snomed, CheckUp, 120m),
            new CoveredService(Snomed, MedicationReview, 100m),
            new CoveredService(ClaimBuilder.CategorySystem, null, 15m) { Category = "pharmacy" },
        ],
        Exclusions = [new ExcludedCode(Snomed, CosmeticProcedure)],
    };
}
