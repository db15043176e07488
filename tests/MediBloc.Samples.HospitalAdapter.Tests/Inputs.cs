using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MediBloc.Samples.HospitalAdapter.Tests;

/// <summary>The adapter's inputs, made from the copied test data: bundles as they are, and a bulk export built from a Synthea bundle.</summary>
internal static class Inputs
{
    public const string BundlePatient = "example";
    public const string MedsAllergies = "hl7/Bundle-bundle-response-medsallergies.json";
    public const string Synthea = "synthea/Bibi254_Schowalter414_475d72ca-91c7-7211-97e3-f000af33fc04.json";
    public const string SyntheaSecond = "synthea/Roland928_Nienow652_13b1a0f2-dceb-37a2-f32b-f0ca6e3b9925.json";

    public static string TestData(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    /// <summary>Copies a bundle into the inbox.</summary>
    public static void CopyBundle(string inbox, string relative) =>
        File.Copy(TestData(relative), Path.Combine(inbox, Path.GetFileName(relative)));

    /// <summary>
    /// Writes a FHIR Bulk Data export of a Synthea bundle into the inbox (one <c>Type.ndjson</c> per resource type,
    /// one resource per line, as <c>$export</c> does), with its references to the patient as <c>Patient/ID</c>.
    /// Returns the patient's id and its resources' lines.
    /// </summary>
    public static (string Patient, List<string> Lines) WriteBulkExport(string inbox, string relative, int maxPerType = 8)
    {
        var bundle = JsonNode.Parse(File.ReadAllText(TestData(relative)))!;
        var resources = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        var patient = resources.Single(r => (string?)r["resourceType"] == "Patient")["id"]!.GetValue<string>();
        var lines = new List<string>();
        foreach (var group in resources.GroupBy(r => (string)r["resourceType"]!))
        {
            var text = new StringBuilder();
            foreach (var resource in group.Take(maxPerType))
            {
                var line = resource.ToJsonString(new JsonSerializerOptions { WriteIndented = false }).Replace("urn:uuid:" + patient, "Patient/" + patient, StringComparison.Ordinal);
                lines.Add(line);
                text.Append(line).Append('\n');
            }
            File.AppendAllText(Path.Combine(inbox, group.Key + ".ndjson"), text.ToString());
        }
        return (patient, lines);
    }

    /// <summary>The resources a bulk export holds for a patient, as the adapter will group them.</summary>
    public static List<string> LinesFor(string patient, List<string> lines) =>
        lines.Where(l =>
        {
            var r = JsonNode.Parse(l)!;
            return (string?)r["resourceType"] == "Patient"
                ? (string?)r["id"] == patient
                : new[] { "subject", "patient", "beneficiary" }.Any(n => (string?)r[n]?["reference"] == "Patient/" + patient);
        }).ToList();

    /// <summary>Appends lines to a bulk file of the inbox.</summary>
    public static void Append(string inbox, string file, params string[] lines) =>
        File.AppendAllText(Path.Combine(inbox, file), string.Concat(lines.Select(l => l + "\n")));
}
