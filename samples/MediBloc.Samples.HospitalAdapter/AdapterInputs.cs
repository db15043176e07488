using System.Security.Cryptography;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Records;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>One input for a patient's record: a whole bundle (its resources and its layout) or one bulk-export resource.</summary>
/// <param name="Key">The input's identity across runs: <c>bundle:FILE</c> or <c>ResourceType/id</c>.</param>
/// <param name="Sha256">Its content's SHA-256 (hex).</param>
/// <param name="Records">The records it makes, in order.</param>
public sealed record AdapterInput(string Key, string Sha256, IReadOnlyList<RecordToPublish> Records);

/// <summary>Reads a folder's bundles and bulk export into inputs grouped by patient.</summary>
public static class AdapterInputs
{
    /// <summary>Reads every <c>*.json</c> bundle and <c>*.ndjson</c> bulk file in <paramref name="folder"/>.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="problems">Receives what could not be read (file and line).</param>
    /// <param name="withoutPatient">How many bulk resources named no patient.</param>
    /// <returns>The inputs by EHR patient id, in patient-id order.</returns>
    public static SortedDictionary<string, List<AdapterInput>> Read(string folder, List<InputProblem> problems, out int withoutPatient)
    {
        var byPatient = new SortedDictionary<string, List<AdapterInput>>(StringComparer.Ordinal);
        void Add(string patient, AdapterInput input)
        {
            if (!byPatient.TryGetValue(patient, out var list))
            {
                list = [];
                byPatient[patient] = list;
            }
            list.Add(input);
        }

        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var bytes = File.ReadAllBytes(path);
            SplitBundle split;
            try
            {
                split = FhirBundleSplitter.Split(bytes);
            }
            catch (FhirFormatException e)
            {
                problems.Add(new InputProblem(name, 0, "not a FHIR Bundle: " + e.Message));
                continue;
            }
            var patient = split.Resources.FirstOrDefault(r => r.Metadata.ResourceType == "Patient")?.Metadata.Id;
            if (patient is null)
            {
                problems.Add(new InputProblem(name, 0, "no Patient in the bundle"));
                continue;
            }
            var records = split.Resources
                .Select(r => new RecordToPublish(r.Json, FhirContentTypes.ResourceJson))
                .Append(new RecordToPublish(split.Layout.ToJson(), FhirContentTypes.BundleLayoutJson))
                .ToArray();
            Add(patient, new AdapterInput("bundle:" + name, Convert.ToHexString(SHA256.HashData(bytes)), records));
        }

        foreach (var resource in BulkExport.Read(folder, problems, out withoutPatient))
        {
            Add(resource.PatientId, new AdapterInput(
                resource.Key, Convert.ToHexString(SHA256.HashData(resource.Json)), [new RecordToPublish(resource.Json, FhirContentTypes.ResourceJson)]));
        }
        return byPatient;
    }
}
