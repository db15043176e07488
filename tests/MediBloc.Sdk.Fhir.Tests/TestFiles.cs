using System.Text;
using System.Text.Json.Nodes;

namespace MediBloc.Sdk.Fhir.Tests;

/// <summary>The copied FHIR test data (see TestData/SOURCE.md).</summary>
internal static class TestFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>Every bundle copied into the project: Synthea, the larger Synthea set, C-CDA converter output and the HL7 Bundle examples.</summary>
    public static IEnumerable<string> Bundles() =>
        new[] { "synthea", "synthea-large", "ccda-converted" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.json"))
            .Where(f => Path.GetFileName(f) != "MANIFEST.json")
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "hl7"), "Bundle-*.json"))
            .Select(f => Path.GetRelativePath(Root, f))
            .Order(StringComparer.Ordinal);

    /// <summary>The HL7 examples that are single resources (not bundles).</summary>
    public static IEnumerable<string> SingleResources() =>
        Directory.EnumerateFiles(Path.Combine(Root, "hl7"), "*.json")
            .Where(f => !Path.GetFileName(f).StartsWith("Bundle-", StringComparison.Ordinal) && Path.GetFileName(f) != "package.json")
            .Select(f => Path.GetRelativePath(Root, f))
            .Order(StringComparer.Ordinal);

    /// <summary>The patient bundles from Synthea (one patient each).</summary>
    public static IEnumerable<string> PatientBundles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "synthea"), "*.json")
            .Where(f => !Path.GetFileName(f).Contains("Information", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f))
            .Order(StringComparer.Ordinal);

    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    public static TheoryData<string> Data(IEnumerable<string> files)
    {
        var data = new TheoryData<string>();
        foreach (var f in files)
        {
            data.Add(f);
        }
        return data;
    }

    public static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
