using System.Text;
using System.Text.Json;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>One resource of a bulk export, assigned to its patient.</summary>
/// <param name="PatientId">The patient's id: the Patient resource's own id, or the id its <c>subject</c>, <c>patient</c> or <c>beneficiary</c> reference names.</param>
/// <param name="Key">The resource's identity across runs: <c>ResourceType/id</c> (or <c>file:line</c> for a resource without an id).</param>
/// <param name="File">The NDJSON file's name.</param>
/// <param name="Line">The line number (from 1).</param>
/// <param name="Json">The resource's JSON, as exported.</param>
public sealed record BulkResource(string PatientId, string Key, string File, int Line, byte[] Json);

/// <summary>A line the adapter could not use: reported with its place and skipped.</summary>
/// <param name="File">The file's name.</param>
/// <param name="Line">The line number (from 1), or 0 for the whole file.</param>
/// <param name="Reason">Why (never the line's content).</param>
public sealed record InputProblem(string File, int Line, string Reason);

/// <summary>
/// Reads a FHIR Bulk Data export (<c>$export</c> output: one NDJSON file per resource type, e.g. <c>Patient.ndjson</c>,
/// <c>Observation.ndjson</c>, one resource per line) and groups the resources by patient. A malformed line is reported
/// with its file and line and skipped; a resource that names no patient (a Practitioner, an Organization) is counted
/// and skipped.
/// </summary>
public static class BulkExport
{
    private static readonly string[] PatientReferences = ["subject", "patient", "beneficiary"];

    /// <summary>Reads every <c>*.ndjson</c> file in <paramref name="folder"/>, in file-name order.</summary>
    /// <param name="folder">The export's folder.</param>
    /// <param name="problems">Receives each unusable line.</param>
    /// <param name="withoutPatient">How many resources named no patient.</param>
    /// <returns>The resources with their patient, in file and line order.</returns>
    public static IReadOnlyList<BulkResource> Read(string folder, List<InputProblem> problems, out int withoutPatient)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var resources = new List<BulkResource>();
        withoutPatient = 0;
        foreach (var path in Directory.GetFiles(folder, "*.ndjson").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var number = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                var json = Encoding.UTF8.GetBytes(line.Trim());
                switch (Parse(json, out var resourceType, out var id, out var patient, out var reason))
                {
                    case false:
                        problems.Add(new InputProblem(file, number, reason!));
                        break;
                    case true when patient is null:
                        withoutPatient++;
                        break;
                    default:
                        resources.Add(new BulkResource(patient!, id is null ? $"{file}:{number}" : $"{resourceType}/{id}", file, number, json));
                        break;
                }
            }
        }
        return resources;
    }

    /// <summary>Reads one line's resource type, id and patient; false with a reason when the line is not a FHIR resource.</summary>
    private static bool Parse(byte[] json, out string? resourceType, out string? id, out string? patient, out string? reason)
    {
        resourceType = id = patient = reason = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = "not a JSON object";
                return false;
            }
            if (!root.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(type.GetString()))
            {
                reason = "no resourceType";
                return false;
            }
            resourceType = type.GetString();
            id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            if (resourceType == "Patient")
            {
                patient = id;
                if (patient is null)
                {
                    reason = "a Patient without an id";
                    return false;
                }
                return true;
            }
            foreach (var name in PatientReferences)
            {
                if (root.TryGetProperty(name, out var reference) && reference.ValueKind == JsonValueKind.Object
                    && reference.TryGetProperty("reference", out var text) && text.ValueKind == JsonValueKind.String
                    && PatientIdOf(text.GetString()!) is { } found)
                {
                    patient = found;
                    break;
                }
            }
            return true;
        }
        catch (JsonException e)
        {
            reason = $"not valid JSON (at byte {e.BytePositionInLine ?? 0})";
            return false;
        }
    }

    /// <summary>The patient id of a reference: <c>Patient/ID</c> (relative or absolute, with or without a version) or <c>urn:uuid:ID</c>.</summary>
    internal static string? PatientIdOf(string reference)
    {
        if (reference.StartsWith("urn:uuid:", StringComparison.Ordinal))
        {
            return reference["urn:uuid:".Length..];
        }
        var parts = reference.Split('/');
        var at = Array.LastIndexOf(parts, "Patient");
        return at >= 0 && at + 1 < parts.Length && parts[at + 1].Length > 0 ? parts[at + 1] : null;
    }
}
