using System.Globalization;
using System.Numerics;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir.Claims;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Fhir.Tests.Claims;

/// <summary>The insurer's duplicate ledger: one claim per encounter, whatever record holds the encounter.</summary>
[Collection(ValidatorCollection.Name)]
public sealed class EncounterClaimLedgerTests(ValidatorFixture fixture)
{
    private const string Snomed = "http://snomed.info/sct";
    private const string Visits = "urn:example:clinic:visit";
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContentId Cid = ContentId.Parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);
    private static readonly EvmAddress Alice = Secp256k1PrivateKey.Generate().Address;
    private static readonly EvmAddress Bob = Secp256k1PrivateKey.Generate().Address;
    private static int _claims;

    private ClaimAdjudicator Adjudicator() => new(new AdjudicationRules
    {
        CoverageStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        CoverageEnd = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Deductible = 50m,
        CoPayPercent = 20m,
        PerClaimCap = 1000m,
        MedPerUnit = 1m,
        Covered = [new CoveredService(Snomed, "185349003", 120m)],
    }, fixture.Validator);

    private static Encounter Visit(string id, string? identifier = null) => new()
    {
        Id = id, Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
        Type = [new CodeableConcept(Snomed, "185349003")], Subject = new ResourceReference("Patient/p1"),
        Period = new Period { Start = "2026-06-14T09:00:00Z", End = "2026-06-14T09:30:00Z" },
        Identifier = identifier is null ? [] : [new Identifier(Visits, identifier)],
    };

    private static Claim Bill(Encounter encounter) =>
        ClaimBuilder.Build(encounter, [encounter], new ClaimBuildOptions { InsurerReference = "Organization/acme", CoverageReference = "Coverage/c1", Created = Now, DefaultCharge = 150m });

    /// <summary>A filed claim whose encounter record holds <paramref name="recorded"/> and whose claim bills <paramref name="billed"/>.</summary>
    private static SubmittedClaim Filed(EvmAddress patient, Resource recorded, Encounter? billed = null, bool listed = true, int policy = 1)
    {
        var id = "0x" + Interlocked.Increment(ref _claims).ToString("x64", CultureInfo.InvariantCulture);
        var commitment = new Commitment(Keccak256.Hash(Encoding.UTF8.GetBytes(id)));
        var record = new OpenedRecord(Cid, Encoding.UTF8.GetBytes(Serializer.SerializeToString(recorded)), "application/fhir+json", commitment, patient, Now);
        var onChain = new InsuranceClaim(id, policy, patient, patient, id, RecordId.Of(patient, commitment).ToString(), 100, 0, InsuranceClaimStatus.Filed, ClaimDenialReason.None, Now);
        var claim = Bill(billed ?? (Encounter)recorded);
        return new SubmittedClaim(onChain, Secp256k1PrivateKey.Generate().PublicKey, ClaimAdjudicator.SerializeClaim(claim), "application/fhir+json", listed ? [record] : []);
    }

    [Fact]
    public void A_re_published_visit_with_the_same_identifier_is_a_duplicate_and_the_first_claim_is_decided_by_the_rules()
    {
        var adjudicator = Adjudicator();
        var ledger = new EncounterClaimLedger(1);
        var first = Filed(Alice, Visit("e1", "V-1"));
        var copy = Filed(Alice, Visit("e1-copy", "V-1"));

        Assert.True(adjudicator.Adjudicate(first, ledger).IsPaid);
        var duplicate = adjudicator.Adjudicate(copy, ledger);
        Assert.Equal((ClaimDenialReason.Duplicate, BigInteger.Zero), (duplicate.DenialReason, duplicate.PayableMed));
        Assert.True(fixture.Validator.Validate(duplicate.ExplanationOfBenefit).IsValid);
        Assert.Contains("Duplicate", duplicate.ExplanationOfBenefit.Disposition, StringComparison.Ordinal);
        // Deciding the first claim again (a retry) is not a duplicate of itself.
        Assert.True(adjudicator.Adjudicate(first, ledger).IsPaid);
        Assert.Equal(1, ledger.Count);
        Assert.Equal(first.Claim.ClaimId, ledger.ClaimOf("identifier|" + Visits + "|V-1"));
    }

    [Fact]
    public void Without_an_identifier_a_visit_is_keyed_by_patient_and_id_so_another_patients_e1_is_not_a_duplicate()
    {
        var adjudicator = Adjudicator();
        var ledger = new EncounterClaimLedger(1);
        Assert.True(adjudicator.Adjudicate(Filed(Alice, Visit("e1")), ledger).IsPaid);
        Assert.True(adjudicator.Adjudicate(Filed(Bob, Visit("e1")), ledger).IsPaid);
        Assert.Equal(ClaimDenialReason.Duplicate, adjudicator.Adjudicate(Filed(Alice, Visit("e1")), ledger).DenialReason);
        Assert.Equal(2, ledger.Count);
    }

    [Fact]
    public void A_claim_resting_on_no_encounter_is_invalid_and_claims_nothing()
    {
        var adjudicator = Adjudicator();
        var ledger = new EncounterClaimLedger(1);
        // The named encounter record is missing from the claim record, holds no Encounter, or the claim bills another visit.
        SubmittedClaim[] claims =
        [
            Filed(Alice, Visit("e1", "V-1"), listed: false),
            Filed(Alice, new Condition { Id = "c1", Subject = new ResourceReference("Patient/p1"), Code = new CodeableConcept(Snomed, "44054006") }, billed: Visit("e2", "V-2")),
            Filed(Alice, Visit("e3", "V-3"), billed: Visit("e1", "V-1")),
        ];
        foreach (var claim in claims)
        {
            Assert.Equal(ClaimDenialReason.InvalidClaim, adjudicator.Adjudicate(claim, ledger).DenialReason);
        }
        Assert.Equal(0, ledger.Count);
        Assert.True(adjudicator.Adjudicate(Filed(Alice, Visit("e1", "V-1")), ledger).IsPaid);
    }

    [Fact]
    public void Another_policys_ledger_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Adjudicator().Adjudicate(Filed(Alice, Visit("e1"), policy: 2), new EncounterClaimLedger(BigInteger.One)));
        Assert.Equal("ledger", error.ParamName);
    }
}
