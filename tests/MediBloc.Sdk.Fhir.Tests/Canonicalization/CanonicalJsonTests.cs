using System.Text;
using System.Text.Json.Nodes;

namespace MediBloc.Sdk.Fhir.Tests.Canonicalization;

public sealed class CanonicalJsonTests
{
    public static TheoryData<string> Vectors() =>
        TestFiles.Data(Directory.EnumerateFiles(Path.Combine(TestFiles.Root, "jcs", "input")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string> Bundles() => TestFiles.Data(TestFiles.Bundles());

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Rfc8785_vectors_canonicalize_to_their_expected_bytes(string name)
    {
        var input = File.ReadAllBytes(Path.Combine(TestFiles.Root, "jcs", "input", name));
        var expected = File.ReadAllBytes(Path.Combine(TestFiles.Root, "jcs", "output", name));

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(FhirCanonicalJson.Canonicalize(input, CanonicalNumberFormat.Rfc8785)));
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void The_hash_is_stable_across_whitespace_and_property_order(string file)
    {
        var input = TestFiles.Read(file);
        var reordered = Reverse(JsonNode.Parse(input)!);
        var indented = Encoding.UTF8.GetBytes(reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.NotEqual(input, indented);

        Assert.Equal(FhirCanonicalJson.ComputeHash(input), FhirCanonicalJson.ComputeHash(indented));
    }

    [Fact]
    public void The_hash_changes_when_one_value_changes()
    {
        var input = TestFiles.Read(TestFiles.PatientBundles().First());
        var node = JsonNode.Parse(input)!;
        node["entry"]![0]!["resource"]!["id"] = (string)node["entry"]![0]!["resource"]!["id"]! + "x";

        Assert.NotEqual(FhirCanonicalJson.ComputeHash(input), FhirCanonicalJson.ComputeHash(TestFiles.Json(node)));
    }

    [Fact]
    public void Decimal_precision_is_significant_by_default_and_ignored_in_strict_rfc8785()
    {
        var a = "{\"value\":1.50}"u8.ToArray();
        var b = "{\"value\":1.5}"u8.ToArray();

        Assert.False(FhirCanonicalJson.AreEqual(a, b));
        Assert.True(FhirCanonicalJson.AreEqual(a, b, CanonicalNumberFormat.Rfc8785));
        Assert.Equal("{\"value\":1.50}", Encoding.UTF8.GetString(FhirCanonicalJson.Canonicalize(a)));
    }

    [Fact]
    public void Decimals_beyond_double_range_keep_their_literal_in_the_canonical_form()
    {
        var input = TestFiles.Read("hl7/Observation-decimal.json");

        var canonical = Encoding.UTF8.GetString(FhirCanonicalJson.Canonicalize(input));

        Assert.Contains("\"value\":1.000000000000000000E-245", canonical, StringComparison.Ordinal);
        Assert.Contains("\"value\":-1.000000000000000000E+245", canonical, StringComparison.Ordinal);
        Assert.Contains("\"value\":1E-22", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_rfc8785_writes_es6_numbers_and_refuses_numbers_a_double_cannot_hold()
    {
        Assert.Equal("[1e-22,1e-245,1000000000000000000,1e+21,-0.000001,1e-7,0]",
            Encoding.UTF8.GetString(FhirCanonicalJson.Canonicalize("[1E-22,1.000000000000000000E-245,1000000000000000000,1E21,-1E-6,1E-7,-0]"u8.ToArray(), CanonicalNumberFormat.Rfc8785)));
        var ex = Assert.Throws<FhirFormatException>(() => FhirCanonicalJson.Canonicalize("{\"a\":[1E400]}"u8.ToArray(), CanonicalNumberFormat.Rfc8785));
        Assert.Equal("a[0]", ex.JsonPath);
    }

    [Fact]
    public void Invalid_json_and_duplicate_names_are_FhirFormatExceptions()
    {
        Assert.Throws<FhirFormatException>(() => FhirCanonicalJson.Canonicalize("{\"a\":}"u8.ToArray()));
        var ex = Assert.Throws<FhirFormatException>(() => FhirCanonicalJson.Canonicalize("{\"b\":{\"a\":1,\"a\":2}}"u8.ToArray()));
        Assert.Equal("b.a", ex.JsonPath);
        Assert.Throws<FhirFormatException>(() => FhirCanonicalJson.Canonicalize("\"\\ud800\""u8.ToArray()));
    }

    private static JsonNode Reverse(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Reverse(p.Value)))),
        JsonArray a => new JsonArray(a.Select(i => i is null ? null : Reverse(i)).ToArray()),
        _ => node.DeepClone(),
    };
}
