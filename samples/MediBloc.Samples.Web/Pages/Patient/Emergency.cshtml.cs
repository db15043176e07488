using Hl7.Fhir.Serialization;
using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Fhir;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>The emergency (vital-info) profile: derived from my records, sealed to the paramedics I choose.</summary>
public sealed class EmergencyModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>Paramedics on this device.</summary>
    public IReadOnlyList<DeviceAccount> Paramedics => [.. Accounts.All.Where(a => a.Role == AccountRole.Paramedic)];

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Builds the profile from my FHIR records and publishes it for the chosen paramedics.</summary>
    public IActionResult OnPost(string[] paramedics)
    {
        var readers = (paramedics ?? []).Select(Accounts.Find).OfType<DeviceAccount>().Select(a => a.Key).ToList();
        if (readers.Count == 0)
        {
            Problem = "Choose at least one paramedic who may open the profile in an emergency.";
            return Page();
        }
        var key = Key;
        var node = Node;
        return StartJob("Setting my emergency profile", async (job, ct) =>
        {
            var patient = node.Client.GetPatientClient(key);
            var reader = node.Client.GetProviderClient(key);
            var mine = (await patient.ListMyRecordsAsync(ct)).Where(r => r.ContentType == FhirContentTypes.ResourceJson).ToList();
            var resources = new List<FhirResourceRecord>();
            for (var i = 0; i < mine.Count; i++)
            {
                job.Report($"Opening record {i + 1} of {mine.Count}…", 10 + (60 * i / Math.Max(1, mine.Count)));
                resources.Add(FhirResourceReader.Read((await reader.OpenAsync(mine[i].Cid, ct)).Content));
            }
            job.Report("Building the profile (blood type, allergies, conditions, medications, contacts)…", 75);
            var bundle = EmergencyProfileBuilder.Build(resources);
            var json = System.Text.Encoding.UTF8.GetBytes(new BaseFhirJsonSerializer(Hl7.Fhir.Model.ModelInfo.ModelInspector).SerializeToString(bundle));
            job.Report("Sealing it to the paramedics and anchoring it…", 85);
            await patient.Care.SetEmergencyProfileAsync(json, FhirContentTypes.ResourceJson, readers, ct);
            job.Report($"The emergency profile is set ({bundle.Entry.Count} entries); {readers.Count} paramedic(s) can open it by breaking the glass.", 100);
            return "/Patient/Emergency";
        });
    }
}
