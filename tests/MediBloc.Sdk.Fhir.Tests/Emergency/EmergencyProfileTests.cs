using System.Text;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Tests.Emergency;

[Collection(ValidatorCollection.Name)]
public sealed class EmergencyProfileTests(ValidatorFixture fixture)
{
    private const string Bundle = "synthea-large/sof-Bill_Reinger_0bfeda65-c8ac-4dd7-a46c-d69e665996d4.json";

    private static Composition CompositionOf(Hl7.Fhir.Model.Bundle bundle) => (Composition)bundle.Entry[0].Resource!;

    private static (List<FhirResourceRecord> Records, string PatientUrl) PatientRecords()
    {
        var split = FhirBundleSplitter.Split(TestFiles.Read(Bundle));
        var patientUrl = split.Resources.Single(r => r.Metadata.ResourceType == "Patient").Metadata.FullUrl!;
        return (split.Resources.ToList(), patientUrl);
    }

    /// <summary>Synthea's bundles carry no blood type, allergy or related person; add them as records of the same patient.</summary>
    private static List<FhirResourceRecord> WithVitalInfo(List<FhirResourceRecord> records, string patientUrl)
    {
        FhirResourceRecord Add(string json, string id) => FhirResourceReader.Read(Encoding.UTF8.GetBytes(json.Replace("PATIENT", patientUrl, StringComparison.Ordinal)), $"urn:uuid:{id}");
        return
        [
            .. records,
            Add("""{"resourceType":"Observation","id":"abo-old","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"883-9","display":"ABO group [Type] in Blood"}]},"subject":{"reference":"PATIENT"},"effectiveDateTime":"2001-01-01","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"112149005","display":"Blood group B"}]}}""", "6f0c1d0e-0001-4000-8000-000000000001"),
            Add("""{"resourceType":"Observation","id":"abo","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"883-9","display":"ABO group [Type] in Blood"}]},"subject":{"reference":"PATIENT"},"effectiveDateTime":"2020-05-01","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"112144000","display":"Blood group A"}]}}""", "6f0c1d0e-0001-4000-8000-000000000002"),
            Add("""{"resourceType":"Observation","id":"rh","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"10331-7","display":"Rh [Type] in Blood"}]},"subject":{"reference":"PATIENT"},"effectiveDateTime":"2020-05-01","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"165747007","display":"RhD positive"}]}}""", "6f0c1d0e-0001-4000-8000-000000000003"),
            Add("""{"resourceType":"AllergyIntolerance","id":"peanut","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},"verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification","code":"confirmed"}]},"criticality":"high","code":{"coding":[{"system":"http://snomed.info/sct","code":"91935009","display":"Allergy to peanuts"}]},"patient":{"reference":"PATIENT"}}""", "6f0c1d0e-0001-4000-8000-000000000004"),
            Add("""{"resourceType":"AllergyIntolerance","id":"old","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"resolved"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"300916003","display":"Latex allergy"}]},"patient":{"reference":"PATIENT"}}""", "6f0c1d0e-0001-4000-8000-000000000005"),
            Add("""{"resourceType":"RelatedPerson","id":"mother","active":true,"patient":{"reference":"PATIENT"},"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"MTH","display":"mother"}]}],"name":[{"family":"Reinger","given":["Ann"]}],"telecom":[{"system":"phone","value":"555-0100"}]}""", "6f0c1d0e-0001-4000-8000-000000000006"),
        ];
    }

    [Fact]
    public void The_emergency_profile_is_a_document_bundle_that_validates_against_base_r4()
    {
        var (records, patientUrl) = PatientRecords();

        var bundle = EmergencyProfileBuilder.Build(WithVitalInfo(records, patientUrl));

        var result = fixture.Validator.Validate(bundle);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.Document, bundle.Type);
        Assert.IsType<Composition>(bundle.Entry[0].Resource);
    }

    [Fact]
    public void The_profile_holds_the_latest_blood_type_active_allergies_conditions_medications_and_contacts()
    {
        var (records, patientUrl) = PatientRecords();
        var all = WithVitalInfo(records, patientUrl);

        var bundle = EmergencyProfileBuilder.Build(all);
        var composition = CompositionOf(bundle);
        IReadOnlyList<string> Cited(string title) => composition.Section.Single(s => s.Title == title).Entry.Select(e => e.Reference!).ToArray();

        Assert.Equal(["urn:uuid:6f0c1d0e-0001-4000-8000-000000000002", "urn:uuid:6f0c1d0e-0001-4000-8000-000000000003"], Cited("Blood type").Order());
        Assert.Equal(["urn:uuid:6f0c1d0e-0001-4000-8000-000000000004"], Cited("Allergies and intolerances"));
        Assert.Equal(["urn:uuid:6f0c1d0e-0001-4000-8000-000000000006"], Cited("Emergency contacts"));

        var activeConditions = records.Where(r => r.Metadata.ResourceType == "Condition")
            .Where(r => Encoding.UTF8.GetString(r.Json.Span).Contains("\"active\"", StringComparison.Ordinal))
            .Select(r => r.Metadata.FullUrl).Order().ToArray();
        Assert.NotEmpty(activeConditions);
        Assert.Equal(activeConditions!, Cited("Active conditions").Order());

        var activeMedications = records.Where(r => r.Metadata.ResourceType == "MedicationRequest")
            .Where(r => Encoding.UTF8.GetString(r.Json.Span).Contains("\"status\": \"active\"", StringComparison.Ordinal))
            .Select(r => r.Metadata.FullUrl).Order().ToArray();
        Assert.Equal(2, activeMedications.Length);
        Assert.Equal(activeMedications!, Cited("Current medications").Order());

        Assert.Equal(patientUrl, composition.Subject!.Reference);
        var cited = composition.Section.SelectMany(s => s.Entry).Select(e => e.Reference).ToHashSet();
        Assert.All(cited, c => Assert.Contains(bundle.Entry, e => e.FullUrl == c));
    }

    [Fact]
    public void A_patient_without_vital_info_gets_sections_that_say_none_known_and_still_validate()
    {
        var split = FhirBundleSplitter.Split(TestFiles.Read(TestFiles.PatientBundles().First()));

        var bundle = EmergencyProfileBuilder.Build(split.Resources);

        var composition = CompositionOf(bundle);
        var blood = composition.Section.Single(s => s.Title == "Blood type");
        Assert.Empty(blood.Entry);
        Assert.Equal("nilknown", blood.EmptyReason!.Coding[0].Code);
        var result = fixture.Validator.Validate(bundle);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }

    [Fact]
    public void Patient_contacts_are_listed_as_emergency_contacts()
    {
        var patient = FhirResourceReader.Read(TestFiles.Read("hl7/Patient-example.json"), "http://hl7.org/fhir/Patient/example");

        var bundle = EmergencyProfileBuilder.Build([patient]);

        var contacts = CompositionOf(bundle).Section.Single(s => s.Title == "Emergency contacts");
        Assert.Equal("http://hl7.org/fhir/Patient/example", Assert.Single(contacts.Entry).Reference);
        Assert.Contains("+33 (237) 998327", contacts.Text!.Div, StringComparison.Ordinal);
        var result = fixture.Validator.Validate(bundle);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }

    [Fact]
    public void Records_of_other_patients_are_left_out_and_two_patients_are_refused()
    {
        var (records, patientUrl) = PatientRecords();
        var other = FhirBundleSplitter.Split(TestFiles.Read(TestFiles.PatientBundles().First())).Resources;

        var bundle = EmergencyProfileBuilder.Build(records.Concat(other.Where(r => r.Metadata.ResourceType != "Patient")));
        var cited = CompositionOf(bundle).Section.SelectMany(s => s.Entry).Select(e => e.Reference).ToHashSet();
        Assert.DoesNotContain(other, r => cited.Contains(r.Metadata.FullUrl!));

        var ex = Assert.Throws<FhirFormatException>(() => EmergencyProfileBuilder.Build(records.Concat(other)));
        Assert.DoesNotContain(patientUrl, ex.Message, StringComparison.Ordinal);
    }
}
