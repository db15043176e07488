using System.Numerics;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Research;

namespace MediBloc.Sdk.Fhir.Tests.Trials;

/// <summary>Criteria written into a ResearchStudy's Group.characteristic and read back; the resources validate against base R4.</summary>
[Collection(ValidatorCollection.Name)]
public sealed class ResearchStudyEligibilityTests(ValidatorFixture fixture)
{
    private static readonly EligibilityCriterion[] Criteria =
    [
        EligibilityCriterion.HasCondition(new(EligibilityCode.Snomed, "44054006"), new(EligibilityCode.Snomed, "15777000")).Described("Type 2 diabetes or prediabetes"),
        EligibilityCriterion.AgeBetween(40, 75),
        EligibilityCriterion.SexIs("female", "male"),
        EligibilityCriterion.HasObservation(new(EligibilityCode.Loinc, "4548-4"), EligibilityRange.GreaterThan(7m, "%"), EligibilityLookback.LastMonths(12)),
        EligibilityCriterion.HasObservation(new(EligibilityCode.Loinc, "2093-3"), EligibilityRange.Between(100m, 300m, "mg/dL")),
        EligibilityCriterion.HasObservation(new(EligibilityCode.Loinc, "39156-5")),
        EligibilityCriterion.HasMedication(EligibilityLookback.LastDays(90), new EligibilityCode(EligibilityCode.RxNorm, "860975")).Excluding(),
    ];

    private static ResearchStudy Study() => ResearchStudyEligibility.ToResearchStudy("HbA1c study", "Adults with raised HbA1c.", Criteria);

    [Fact]
    public void Criteria_survive_a_round_trip_through_FHIR_JSON()
    {
        var json = ResearchStudyEligibility.ToJson(Study());
        var read = ResearchStudyEligibility.ReadCriteria(ResearchStudyEligibility.ParseStudy(json));

        Assert.Equal(Criteria.Length, read.Count);
        for (var i = 0; i < Criteria.Length; i++)
        {
            Assert.Equal(Criteria[i].Kind, read[i].Kind);
            Assert.Equal(Criteria[i].Codes, read[i].Codes);
            Assert.Equal(Criteria[i].Range, read[i].Range);
            Assert.Equal(Criteria[i].Lookback, read[i].Lookback);
            Assert.Equal(Criteria[i].Exclude, read[i].Exclude);
        }
        Assert.Equal("Type 2 diabetes or prediabetes", read[0].Description);
        Assert.Contains("\"comparator\":\">\"", json, StringComparison.Ordinal);
        Assert.Contains(ResearchStudyEligibility.LookbackExtension, json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_study_validates_against_base_R4()
    {
        var result = fixture.Validator.Validate(Study());
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }

    [Fact]
    public void The_consent_and_research_subject_validate_against_base_R4_and_name_the_study()
    {
        var researcher = Secp256k1PrivateKey.Generate();
        var patient = Secp256k1PrivateKey.Generate().Address;
        var json = ResearchStudyEligibility.ToJson(Study());
        var published = new PublishedStudy(
            new Study(new BigInteger(7), researcher.Address, DateTimeOffset.UnixEpoch, StudyStatus.Open, 0, 0, "0x" + new string('1', 64)),
            new StudyDocument { ResearchStudyJson = json },
            "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        var study = TrialStudy.From(published);

        var consent = TrialResources.BuildConsent(study, patient, DateTimeOffset.UtcNow);
        var subject = TrialResources.BuildSubject(study, patient, "0x" + new string('a', 64), ResearchSubject.ResearchSubjectStatus.OnStudy, DateTimeOffset.UtcNow);

        foreach (Resource resource in new Resource[] { consent, subject })
        {
            var result = fixture.Validator.Validate(resource);
            Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
        }
        Assert.True(TrialResources.IsFor(subject, study));
        Assert.Equal(PurposeOfUse.Research, consent.Provision!.Purpose.Single().Code);
        Assert.Equal(researcher.Address.ToString(), consent.Provision.Actor.Single().Reference!.Identifier!.Value);
    }

    [Fact]
    public void A_characteristic_outside_the_subset_is_refused_with_its_path()
    {
        var study = Study();
        var group = study.Contained.OfType<Group>().Single();
        group.Characteristic[1].Value = new CodeableConcept("http://example.org", "x");

        var error = Assert.Throws<FhirFormatException>(() => ResearchStudyEligibility.ReadCriteria(study));
        Assert.Contains("characteristic[1]", error.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_without_an_enrollment_group_is_refused() =>
        Assert.Throws<FhirFormatException>(() => ResearchStudyEligibility.ReadCriteria(new ResearchStudy { Status = ResearchStudy.ResearchStudyStatus.Active }));
}
