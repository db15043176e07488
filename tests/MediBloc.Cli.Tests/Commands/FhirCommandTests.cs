using System.Text.Json;
using MediBloc.Sdk.Fhir;

namespace MediBloc.Cli.Tests.Commands;

/// <summary>
/// <c>medibloc fhir ingest</c> and <c>medibloc fhir roundtrip</c>, run in-process on copied bundles with the
/// embedded chain and a local store (no servers).
/// </summary>
public sealed class FhirCommandTests : IDisposable
{
    private static readonly string DataFolder = Path.Combine(AppContext.BaseDirectory, "TestData", "fhir");
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-fhir-cli-").FullName;

    public static TheoryData<string> Bundles => new(
        "decimal-edge-cases.json",
        "Bundle-bundle-response-medsallergies.json",
        "practitionerInformation.json",
        "ccda-Angelina101.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Ingest_json_prints_one_object_with_the_counts_by_type_the_records_and_roundTripEqual_true(string name)
    {
        var bundle = Path.Combine(DataFolder, name);
        var expected = FhirBundleSplitter.Split(File.ReadAllBytes(bundle)).Resources
            .GroupBy(r => r.Metadata.ResourceType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var (exit, output, error) = Invoke("fhir", "ingest", "--bundle", bundle, "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var counts = root.GetProperty("resourceCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), counts.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Values.Sum() + 1, root.GetProperty("recordsPublished").GetInt32());
        Assert.True(root.GetProperty("roundTripEqual").GetBoolean());
        Assert.Equal("embedded", root.GetProperty("chain").GetString());
        Assert.Equal("local", root.GetProperty("store").GetString());
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Roundtrip_writes_the_reassembled_bundle_byte_equal_to_the_input(string name)
    {
        var bundle = Path.Combine(DataFolder, name);
        var output = Path.Combine(_folder, "out.json");

        var (exit, text, error) = Invoke("fhir", "roundtrip", "--bundle", bundle, "--out", output);

        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllBytes(bundle), File.ReadAllBytes(output));
        Assert.Contains(output, text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Roundtrip_keeps_exact_decimals_primitive_extensions_contained_resources_and_non_ASCII_text()
    {
        var output = Path.Combine(_folder, "edge.json");

        var (exit, _, error) = Invoke("fhir", "roundtrip", "--bundle", Path.Combine(DataFolder, "decimal-edge-cases.json"), "--out", output);

        Assert.True(exit == 0, error);
        var text = File.ReadAllText(output);
        foreach (var fragment in new[] { "1E-22", "1.000000000000000000E-245", "-1.000000000000000000E+245", "\"value\": 1.50", "5.500", "\"_birthDate\"", "\"contained\"", "血糖 🩸", "\\u00e9" })
        {
            Assert.Contains(fragment, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ingest_says_in_its_text_output_that_it_used_an_embedded_chain_and_a_local_store()
    {
        var (exit, output, error) = Invoke("fhir", "ingest", "--bundle", Path.Combine(DataFolder, "Bundle-bundle-response-medsallergies.json"));

        Assert.True(exit == 0, error);
        Assert.Contains("embedded chain", output, StringComparison.Ordinal);
        Assert.Contains("local content store", output, StringComparison.Ordinal);
        Assert.Contains("equals the input", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_of_a_bundle_with_a_reference_to_nowhere_exits_1_and_names_the_path()
    {
        var bundle = Path.Combine(_folder, "bad.json");
        File.WriteAllText(bundle, """
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"urn:uuid:5a1c0b4e-0000-4000-8000-000000000001","resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},
               "subject":{"reference":"urn:uuid:5a1c0b4e-0000-4000-8000-000000000099"}}}]}
            """);

        var (exit, output, error) = Invoke("fhir", "ingest", "--bundle", bundle, "--json");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("entry[0].resource.subject", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Roundtrip_refuses_to_overwrite_an_existing_output_without_force()
    {
        var output = Path.Combine(_folder, "exists.json");
        File.WriteAllText(output, "keep");

        var (exit, _, error) = Invoke("fhir", "roundtrip", "--bundle", Path.Combine(DataFolder, "decimal-edge-cases.json"), "--out", output);

        Assert.Equal(2, exit);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(output));
    }

    [Fact]
    public void Rpc_without_ipfs_and_a_patient_key_is_a_usage_error()
    {
        var (exit, _, error) = Invoke("fhir", "ingest", "--bundle", Path.Combine(DataFolder, "decimal-edge-cases.json"), "--rpc", "http://127.0.0.1:1");

        Assert.Equal(2, exit);
        Assert.Contains("--patient-key-env", error, StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
