using System.Text;
using System.Text.Json;

namespace MediBloc.Sdk.Fhir.Tests.Mapping;

public sealed class MetadataTests
{
    public static TheoryData<string> PatientBundles() => TestFiles.Data(TestFiles.PatientBundles());

    [Theory]
    [MemberData(nameof(PatientBundles))]
    public void Every_resource_of_a_patient_bundle_names_the_patient_entry_as_its_subject_when_it_has_one(string file)
    {
        var split = FhirBundleSplitter.Split(TestFiles.Read(file));
        var patient = Assert.Single(split.Resources, r => r.Metadata.ResourceType == "Patient");

        Assert.Equal(patient.Metadata.FullUrl, patient.Metadata.Subject);
        foreach (var record in split.Resources.Where(r => r.Metadata.Subject is not null))
        {
            Assert.Equal(patient.Metadata.FullUrl, record.Metadata.Subject);
        }
        Assert.Contains(split.Resources, r => r.Metadata.ResourceType != "Patient" && r.Metadata.Subject == patient.Metadata.FullUrl);
    }

    [Theory]
    [MemberData(nameof(PatientBundles))]
    public void Observation_codes_and_dates_are_those_written_in_the_resource(string file)
    {
        var split = FhirBundleSplitter.Split(TestFiles.Read(file));

        foreach (var record in split.Resources.Where(r => r.Metadata.ResourceType == "Observation"))
        {
            using var document = JsonDocument.Parse(record.Json);
            var root = document.RootElement;
            var expectedCodes = root.GetProperty("code").GetProperty("coding").EnumerateArray()
                .Select(c => (c.GetProperty("system").GetString(), c.GetProperty("code").GetString())).ToArray();
            Assert.Equal(expectedCodes, record.Metadata.Codes.Where(c => c.Element == "code").Select(c => (c.System, c.Code)).ToArray());
            if (root.TryGetProperty("effectiveDateTime", out var effective))
            {
                Assert.Contains(new FhirDateElement("effectiveDateTime", effective.GetString()!), record.Metadata.Dates);
            }
            Assert.Contains(record.Metadata.Codes, c => c.Element == "category");
        }
    }

    [Fact]
    public void References_between_resources_are_listed_and_resolve_to_entries_of_the_bundle()
    {
        var file = TestFiles.PatientBundles().First();
        var split = FhirBundleSplitter.Split(TestFiles.Read(file));
        var fullUrls = split.Resources.Select(r => r.Metadata.FullUrl).ToHashSet();

        var references = split.Resources.SelectMany(r => r.Metadata.References).Where(r => r.StartsWith("urn:uuid:", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, fullUrls));
    }

    [Fact]
    public void Decimals_beyond_double_precision_are_stored_exactly_as_received()
    {
        var input = TestFiles.Read("hl7/Observation-decimal.json");

        var record = FhirResourceReader.Read(input);
        var text = Encoding.UTF8.GetString(record.Json.Span);

        Assert.Contains("\"value\": 1.000000000000000000E-245", text, StringComparison.Ordinal);
        Assert.Contains("\"value\": 1E-22", text, StringComparison.Ordinal);
        Assert.Equal(input, record.Json.ToArray());
    }

    [Fact]
    public void Primitive_extensions_contained_resources_and_non_ascii_text_survive_the_round_trip()
    {
        var bundle = Encoding.UTF8.GetBytes("""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"urn:uuid:5b2a2c0e-8a3c-4f55-9d1e-0c1e2f3a4b5c","resource":{"resourceType":"Patient","id":"p1",
                "name":[{"family":"Ærøskøbing-Müller","given":["Zoë","李"]}],"birthDate":"1970-03-30",
                "_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"1970-03-30T14:25:00+01:00"}]}}},
              {"fullUrl":"urn:uuid:0d8c3b8e-2f4a-4a8e-9d2e-6b3c1a7e9f10","resource":{"resourceType":"Observation","id":"o1","status":"final",
                "contained":[{"resourceType":"Device","id":"scale"}],"device":{"reference":"#scale"},
                "code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},
                "subject":{"reference":"urn:uuid:5b2a2c0e-8a3c-4f55-9d1e-0c1e2f3a4b5c"},
                "valueQuantity":{"value":72.50,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}}]}
            """);

        var split = FhirBundleSplitter.Split(bundle);
        var output = FhirBundleAssembler.Assemble(split.Layout, split.Resources.Select(r => r.Json));

        Assert.Equal(bundle, output);
        var observation = Encoding.UTF8.GetString(split.Resources[1].Json.Span);
        Assert.Contains("\"value\":72.50", observation, StringComparison.Ordinal);
        Assert.Contains("\"reference\":\"#scale\"", observation, StringComparison.Ordinal);
        Assert.Contains("Ærøskøbing-Müller", Encoding.UTF8.GetString(split.Resources[0].Json.Span), StringComparison.Ordinal);
        Assert.Contains("_birthDate", Encoding.UTF8.GetString(split.Resources[0].Json.Span), StringComparison.Ordinal);
        Assert.Equal("urn:uuid:5b2a2c0e-8a3c-4f55-9d1e-0c1e2f3a4b5c", split.Resources[1].Metadata.Subject);
    }

    [Fact]
    public void A_byte_order_mark_is_kept_in_the_layout()
    {
        var bundle = TestFiles.Read("hl7/Bundle-bundle-example.json");
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bundle).ToArray();

        var split = FhirBundleSplitter.Split(withBom);

        Assert.Equal(withBom, FhirBundleAssembler.Assemble(FhirBundleLayout.FromJson(split.Layout.ToJson()), split.Resources.Select(r => r.Json)));
    }

    [Fact]
    public void Assemble_names_the_entry_whose_record_is_missing()
    {
        var split = FhirBundleSplitter.Split(TestFiles.Read(TestFiles.PatientBundles().First()));

        var ex = Assert.Throws<FhirFormatException>(() => FhirBundleAssembler.Assemble(split.Layout, split.Resources.Skip(1).Select(r => r.Json)));

        Assert.Equal($"entry[{split.Resources[0].EntryIndex}].resource", ex.JsonPath);
    }

    [Fact]
    public void A_damaged_layout_is_a_FhirFormatException()
    {
        Assert.Throws<FhirFormatException>(() => FhirBundleLayout.FromJson("{\"format\":\"something else\"}"u8.ToArray()));
        Assert.Throws<FhirFormatException>(() => FhirBundleLayout.FromJson("not json"u8.ToArray()));
    }
}
