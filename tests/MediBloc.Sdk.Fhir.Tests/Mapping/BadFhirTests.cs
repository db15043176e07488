using System.Text;
using System.Text.Json.Nodes;

namespace MediBloc.Sdk.Fhir.Tests.Mapping;

public sealed class BadFhirTests
{
    private static JsonObject PatientBundle() =>
        JsonNode.Parse(TestFiles.Read(TestFiles.PatientBundles().First()))!.AsObject();

    private static int IndexOf(JsonObject bundle, string resourceType) =>
        bundle["entry"]!.AsArray().Select((e, i) => (e, i)).First(x => (string?)x.e!["resource"]!["resourceType"] == resourceType).i;

    private static FhirFormatException SplitFails(JsonObject bundle) =>
        Assert.Throws<FhirFormatException>(() => FhirBundleSplitter.Split(TestFiles.Json(bundle)));

    [Fact]
    public void Invalid_json_names_the_entry_it_broke_in()
    {
        var text = Encoding.UTF8.GetString(TestFiles.Read("hl7/Bundle-bundle-example.json"));
        var broken = text.Replace("\"status\": \"unknown\"", "\"status\": unknown", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);

        var ex = Assert.Throws<FhirFormatException>(() => FhirBundleSplitter.Split(Encoding.UTF8.GetBytes(broken)));

        Assert.StartsWith("entry[", ex.JsonPath, StringComparison.Ordinal);
        Assert.StartsWith(ex.JsonPath, ex.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException, exactMatch: false);
        Assert.Equal(MediBlocErrorCode.InvalidFormat, ex.Code);
    }

    [Fact]
    public void Truncated_json_is_a_FhirFormatException()
    {
        var bytes = TestFiles.Read("hl7/Bundle-bundle-example.json");

        Assert.Throws<FhirFormatException>(() => FhirBundleSplitter.Split(bytes.AsMemory(0, bytes.Length / 2)));
    }

    [Fact]
    public void An_unknown_resource_type_names_its_path()
    {
        var bundle = PatientBundle();
        var index = IndexOf(bundle, "Condition");
        bundle["entry"]![index]!["resource"]!["resourceType"] = "Conditio";

        var ex = SplitFails(bundle);

        Assert.Equal($"entry[{index}].resource.resourceType", ex.JsonPath);
        Assert.IsAssignableFrom<InvalidFormatException>(ex);
    }

    [Fact]
    public void A_property_with_an_empty_name_names_its_resource()
    {
        var bundle = PatientBundle();
        var index = IndexOf(bundle, "Condition");
        bundle["entry"]![index]!["resource"]!.AsObject()[""] = new JsonObject();

        var ex = SplitFails(bundle);

        Assert.Equal($"entry[{index}].resource", ex.JsonPath);
    }

    [Fact]
    public void An_entry_without_a_resource_request_or_response_names_its_path()
    {
        var bundle = PatientBundle();
        var entry = bundle["entry"]![2]!.AsObject();
        entry.Remove("resource");
        entry.Remove("request");

        var ex = SplitFails(bundle);

        Assert.Equal("entry[2].resource", ex.JsonPath);
    }

    [Fact]
    public void An_entry_with_only_a_request_is_valid_as_in_a_transaction_delete()
    {
        var bundle = PatientBundle();
        var entries = bundle["entry"]!.AsArray();
        entries.Add(new JsonObject { ["request"] = new JsonObject { ["method"] = "DELETE", ["url"] = "Observation/123" } });

        var split = FhirBundleSplitter.Split(TestFiles.Json(bundle));

        Assert.Equal(entries.Count - 1, split.Resources.Count);
    }

    [Theory]
    [InlineData("Condition", "subject")]
    [InlineData("Immunization", "patient")]
    [InlineData("Claim", "patient")]
    public void A_missing_patient_where_the_resource_type_requires_one_names_its_path(string resourceType, string element)
    {
        var bundle = PatientBundle();
        var index = IndexOf(bundle, resourceType);
        bundle["entry"]![index]!["resource"]!.AsObject().Remove(element);

        var ex = SplitFails(bundle);

        Assert.Equal($"entry[{index}].resource.{element}", ex.JsonPath);
    }

    [Fact]
    public void A_reference_to_nowhere_in_the_bundle_names_its_path()
    {
        var bundle = PatientBundle();
        var index = IndexOf(bundle, "Condition");
        bundle["entry"]![index]!["resource"]!["subject"]!["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000";

        var ex = SplitFails(bundle);

        Assert.Equal($"entry[{index}].resource.subject.reference", ex.JsonPath);
        Assert.DoesNotContain("00000000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_reference_to_no_contained_resource_names_its_path()
    {
        var bundle = PatientBundle();
        var index = IndexOf(bundle, "Condition");
        bundle["entry"]![index]!["resource"]!["asserter"] = new JsonObject { ["reference"] = "#nobody" };

        var ex = SplitFails(bundle);

        Assert.Equal($"entry[{index}].resource.asserter.reference", ex.JsonPath);
    }

    [Fact]
    public void A_relative_reference_to_a_server_resource_outside_the_bundle_is_kept()
    {
        var bundle = PatientBundle();
        var index = IndexOf(bundle, "Condition");
        bundle["entry"]![index]!["resource"]!["asserter"] = new JsonObject { ["reference"] = "Practitioner/123" };

        var split = FhirBundleSplitter.Split(TestFiles.Json(bundle));

        Assert.Contains("Practitioner/123", split.Resources.Single(r => r.EntryIndex == index).Metadata.References);
    }

    [Fact]
    public void A_property_twice_in_one_object_names_its_path()
    {
        var bundle = Encoding.UTF8.GetBytes(
            """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Basic","id":"a","id":"b","code":{"text":"x"}}}]}""");

        var ex = Assert.Throws<FhirFormatException>(() => FhirBundleSplitter.Split(bundle));

        Assert.Equal("entry[0].resource.id", ex.JsonPath);
    }

    [Fact]
    public void A_resource_that_is_not_a_bundle_is_refused_by_the_splitter()
    {
        var ex = Assert.Throws<FhirFormatException>(() => FhirBundleSplitter.Split(TestFiles.Read("hl7/Patient-example.json")));

        Assert.Equal("resourceType", ex.JsonPath);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":{}}")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[1]}")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":[]}]}")]
    [InlineData("{\"resourceType\":\"Bundle\"} trailing")]
    public void Malformed_bundles_are_FhirFormatExceptions(string json)
    {
        Assert.Throws<FhirFormatException>(() => FhirBundleSplitter.Split(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_single_resource_with_an_unknown_type_is_refused_by_the_reader()
    {
        var ex = Assert.Throws<FhirFormatException>(() => FhirResourceReader.Read("{\"resourceType\":\"Patiente\"}"u8.ToArray()));

        Assert.Equal("$.resourceType", ex.JsonPath);
    }
}
