using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Clinician;

/// <summary>Write a visit note into a patient's record under their write consent.</summary>
public sealed class WriteModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Clinician;

    /// <summary>Patients on this device.</summary>
    public IReadOnlyList<DeviceAccount> Patients => [.. Accounts.All.Where(a => a.Role == AccountRole.Patient)];

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Seals the note to the patient (who owns it), anchors it under the write grant, and claims the MediPoints.</summary>
    public async Task<IActionResult> OnPostAsync(string? patient, string? publicKey, string note, string purpose = "TREAT")
    {
        var ok = await TryAsync(async () =>
        {
            var owner = !string.IsNullOrWhiteSpace(publicKey)
                ? Secp256k1PublicKey.FromHex(publicKey.Trim())
                : Accounts.Find(patient)?.Key ?? throw new ArgumentException("Choose a patient, or paste their public key.");
            if (string.IsNullOrWhiteSpace(note))
            {
                throw new ArgumentException("Write the note first.");
            }
            var observation = new Observation
            {
                Status = ObservationStatus.Final,
                Code = new CodeableConcept("http://loinc.org", "11506-3", "Progress note", "Visit note"),
                Subject = new ResourceReference("Patient/" + owner.Address),
                Effective = new FhirDateTime(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)),
                Value = new FhirString(note.Trim()),
                Performer = [new ResourceReference("Practitioner/" + Key.Address) { Display = Me!.Label }],
            };
            var json = Encoding.UTF8.GetBytes(new BaseFhirJsonSerializer(ModelInfo.ModelInspector).SerializeToString(observation));
            var provider = Node.Client.GetProviderClient(Key);
            var written = await provider.WriteRecordAsync(owner, json, FhirContentTypes.ResourceJson, purpose, HttpContext.RequestAborted);
            var reward = await provider.ClaimAuthoringRewardAsync(written.RecordId, HttpContext.RequestAborted);
            Notice = $"The visit note is in {NameOf(owner.Address.ToString())}'s record (they own it); you earned {reward.Points} MediPoints.";
        });
        return ok ? RedirectToPage() : Page();
    }
}
