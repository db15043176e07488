using System.Text;
using Hl7.Fhir.Serialization;
using MediBloc.Samples.Web.Node;
using MediBloc.Samples.Web.Rendering;
using MediBloc.Sdk;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>One record on the timeline: what it is and whether it still matches its anchor.</summary>
/// <param name="Record">The chain's facts.</param>
/// <param name="Title">What it is (decrypted on this device), or null when it could not be opened.</param>
/// <param name="Verified">CID, tag and commitment checked against the anchor.</param>
/// <param name="Problem">Why it could not be verified.</param>
public sealed record TimelineEntry(MyRecord Record, string? Title, bool Verified, string? Problem);

/// <summary>The patient's records timeline with integrity status; import a FHIR bundle or device readings.</summary>
public sealed class RecordsModel : AppPage
{
    private const int Checked = 60;

    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>Bundle layouts (one per imported bundle), not shown as records.</summary>
    public int Layouts { get; private set; }

    /// <summary>Records beyond the checked ones.</summary>
    public int NotChecked { get; private set; }

    /// <summary>Lists and verifies the records.</summary>
    public async Task OnGetAsync()
    {
        await TryAsync(async () =>
        {
            var patient = Node.Client.GetPatientClient(Key);
            var all = await patient.ListMyRecordsAsync(HttpContext.RequestAborted);
            var records = all.Where(r => r.ContentType != FhirContentTypes.BundleLayoutJson).Reverse().ToList();
            Layouts = all.Count - records.Count;
            NotChecked = Math.Max(0, records.Count - Checked);
            var reader = Node.Client.GetProviderClient(Key);
            var timeline = new List<TimelineEntry>();
            foreach (var record in records.Take(Checked))
            {
                try
                {
                    var opened = await reader.OpenAsync(record.Cid, HttpContext.RequestAborted);
                    timeline.Add(new TimelineEntry(record, FhirView.Render(opened.Content, opened.ContentType).Title, true, null));
                }
                catch (MediBlocException ex)
                {
                    timeline.Add(new TimelineEntry(record, null, false, Problems.Describe(ex)));
                }
            }
            Timeline = timeline;
        });
    }

    /// <summary>Imports a FHIR bundle (or one resource) as records, in the background.</summary>
    public IActionResult OnPostBundle(IFormFile? bundle)
    {
        if (bundle is null || bundle.Length == 0)
        {
            Notice = "Choose a FHIR JSON file to import.";
            return RedirectToPage();
        }
        var bytes = ReadAll(bundle);
        var key = Key;
        var node = Node;
        return StartJob($"Importing {bundle.FileName}", async (job, ct) =>
        {
            job.Report("Checking the file…", 5);
            var isBundle = Encoding.UTF8.GetString(bytes).Contains("\"Bundle\"", StringComparison.Ordinal);
            if (isBundle)
            {
                job.Report("Sealing each resource, storing it and anchoring the batch…", 20);
                var published = await node.Bundles.PublishAsync(key, bytes, cancellationToken: ct);
                job.Report($"Published {published.RecordCount} records under one anchor.", 100);
            }
            else
            {
                FhirView.Render(bytes, "application/fhir+json");
                job.Report("Sealing, storing and anchoring the record…", 40);
                await node.Client.GetPatientClient(key).PublishAsync(bytes, FhirContentTypes.ResourceJson, cancellationToken: ct);
                job.Report("Published 1 record.", 100);
            }
            return "/Patient/Records";
        });
    }

    /// <summary>
    /// Imports device readings as Observations, batched: a CSV (time,type,value,unit,device), an Open mHealth JSON
    /// export (one data point or an array), or an Apple Health <c>export.xml</c>, told apart by their content.
    /// </summary>
    public IActionResult OnPostReadings(IFormFile? readings)
    {
        if (readings is null || readings.Length == 0)
        {
            Notice = "Choose a file of readings to import: CSV, Open mHealth JSON or Apple Health export.xml.";
            return RedirectToPage();
        }
        var bytes = ReadAll(readings);
        var key = Key;
        var node = Node;
        return StartJob($"Importing readings from {readings.FileName}", async (job, ct) =>
        {
            var (format, parsed) = ReadReadings(bytes);
            job.Report($"Read {parsed.Count} reading(s) from the {format}.", 10);
            var observations = DeviceObservationMapper.ToObservations(parsed, "Patient/" + key.Address);
            var serializer = new BaseFhirJsonSerializer(Hl7.Fhir.Model.ModelInfo.ModelInspector);
            var records = observations
                .Select(o => new RecordToPublish(Encoding.UTF8.GetBytes(serializer.SerializeToString(o)), FhirContentTypes.ResourceJson))
                .ToList();
            if (records.Count == 0)
            {
                throw new ArgumentException($"The {format} holds no reading this app can import (heart rate, steps, blood pressure, glucose, body weight, body temperature).");
            }
            job.Report($"Sealing, storing and anchoring {records.Count} observations in one batch…", 30);
            var published = await node.Client.GetPatientClient(key).PublishManyAsync(records, ct);
            job.Report($"Published {published.Count} observations.", 100);
            return "/Patient/Records";
        });
    }

    /// <summary>Reads readings from a CSV, an Open mHealth JSON export or an Apple Health XML export, by their first character.</summary>
    internal static (string Format, IReadOnlyList<DeviceReading> Readings) ReadReadings(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('<'))
        {
            using var stream = new MemoryStream(bytes);
            return ("Apple Health export", AppleHealthImporter.Read(stream));
        }
        if (text.StartsWith('{') || (text.StartsWith('[') && text.Contains("\"schema_id\"", StringComparison.Ordinal)))
        {
            return ("Open mHealth export", OpenMHealthImporter.Read(bytes));
        }
        if (text.StartsWith('['))
        {
            return ("JSON readings", DeviceReadingImporter.ReadJson(bytes));
        }
        return ("CSV", DeviceReadingImporter.ReadCsv(text));
    }

    private static byte[] ReadAll(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
