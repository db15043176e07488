using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Derives the emergency (vital-info) profile from a patient's records: what a paramedic opens. The result is a
/// FHIR R4 <c>document</c> Bundle in the style of the International Patient Summary: a Composition (LOINC 60591-5,
/// patient summary) with sections for blood type, allergies, active conditions, current medications and emergency
/// contacts, followed by the Patient and every resource the sections cite.
/// </summary>
/// <remarks>
/// Selection: blood type = the latest Observation per code of LOINC 882-1 (ABO and Rh group), 883-9 (ABO group) and
/// 10331-7 (Rh type); allergies = AllergyIntolerance not inactive, resolved, refuted or entered in error; active
/// conditions = Condition whose clinical status is active, recurrence or relapse; current medications =
/// MedicationRequest active or on hold and MedicationStatement active or intended (with the Medication resources they
/// cite); emergency contacts = the Patient's <c>contact</c> entries and active RelatedPerson resources. Only resources
/// about the patient are used. The resources are parsed from their exact record bytes; the entries keep the records'
/// <c>fullUrl</c>, so references between them still resolve.
/// </remarks>
public static class EmergencyProfileBuilder
{
    private const string Loinc = "http://loinc.org";
    private static readonly string[] BloodTypeCodes = ["882-1", "883-9", "10331-7"];

    /// <summary>Builds the emergency profile.</summary>
    /// <param name="records">The patient's records (for example all records of a Synthea bundle, or those opened from the chain).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The document Bundle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="FhirFormatException">The records hold no Patient, or more than one, or a record is not FHIR JSON.</exception>
    public static Bundle Build(IEnumerable<FhirResourceRecord> records, EmergencyProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new EmergencyProfileOptions();
        var all = records.ToArray();
        var patients = all.Where(r => r.Metadata.ResourceType == "Patient").ToArray();
        if (patients.Length != 1)
        {
            throw new FhirFormatException(
                $"$: an emergency profile is made for one patient; the records hold {patients.Length} Patient resources.", "$");
        }
        var patientRecord = patients[0];
        var patientUrl = FullUrlOf(patientRecord);
        var mine = all.Where(r => r == patientRecord || IsAbout(r.Metadata.Subject, patientRecord)).ToArray();

        var patient = FhirJson.Parse<Patient>(patientRecord.Json);
        var entries = new List<(string FullUrl, Resource Resource)> { (patientUrl, patient) };
        var timestamp = options.Timestamp ?? DateTimeOffset.UtcNow;

        var bloodType = mine
            .Where(r => r.Metadata.ResourceType == "Observation" && r.Metadata.Codes.Any(c => c.Element == "code" && c.System == Loinc && BloodTypeCodes.Contains(c.Code)))
            .Select(r => (Record: r, Resource: FhirJson.Parse<Observation>(r.Json)))
            .Where(o => o.Resource.Status is not (ObservationStatus.EnteredInError or ObservationStatus.Cancelled))
            .GroupBy(o => o.Record.Metadata.Codes.First(c => c.Element == "code" && c.System == Loinc && BloodTypeCodes.Contains(c.Code)).Code)
            .Select(g => g.OrderByDescending(o => EffectiveOf(o.Record), StringComparer.Ordinal).First())
            .ToArray();

        var allergies = Parsed<AllergyIntolerance>(mine, "AllergyIntolerance")
            .Where(a => !HasCode(a.Resource.ClinicalStatus, "inactive", "resolved") && !HasCode(a.Resource.VerificationStatus, "refuted", "entered-in-error"))
            .ToArray();

        var conditions = Parsed<Condition>(mine, "Condition")
            .Where(c => !HasCode(c.Resource.VerificationStatus, "refuted", "entered-in-error") &&
                        (HasCode(c.Resource.ClinicalStatus, "active", "recurrence", "relapse") || (c.Resource.ClinicalStatus is null && c.Resource.Abatement is null)))
            .ToArray();

        var requests = Parsed<MedicationRequest>(mine, "MedicationRequest")
            .Where(m => m.Resource.Status is MedicationRequest.MedicationrequestStatus.Active or MedicationRequest.MedicationrequestStatus.OnHold)
            .Select(m => (m.Record, (Resource)m.Resource, Medication: m.Resource.Medication));
        var statements = Parsed<MedicationStatement>(mine, "MedicationStatement")
            .Where(m => m.Resource.Status is MedicationStatement.MedicationStatusCodes.Active or MedicationStatement.MedicationStatusCodes.Intended)
            .Select(m => (m.Record, (Resource)m.Resource, Medication: m.Resource.Medication));
        var medications = requests.Concat(statements).ToArray();
        var medicationResources = medications
            .Select(m => (m.Medication as ResourceReference)?.Reference)
            .Where(r => r is not null)
            .Distinct(StringComparer.Ordinal)
            .Select(reference => all.FirstOrDefault(r => r.Metadata.ResourceType == "Medication" && IsSame(reference!, r)))
            .Where(r => r is not null)
            .Select(r => (Record: r!, Resource: (Resource)FhirJson.Parse<Medication>(r!.Json)))
            .ToArray();

        var relatedPeople = Parsed<RelatedPerson>(mine, "RelatedPerson")
            .Where(p => p.Resource.Active != false)
            .ToArray();

        var sections = new List<Composition.SectionComponent>
        {
            Section("Blood type", "30954-2", "Relevant diagnostic tests/laboratory data Narrative",
                bloodType.Select(o => (FullUrlOf(o.Record), (Resource)o.Resource, $"{Display(o.Resource.Code)}: {ValueText(o.Resource.Value)}")), entries),
            Section("Allergies and intolerances", "48765-2", "Allergies and adverse reactions Document",
                allergies.Select(a => (FullUrlOf(a.Record), (Resource)a.Resource, $"{Display(a.Resource.Code)}{Criticality(a.Resource)}")), entries),
            Section("Active conditions", "11450-4", "Problem list - Reported",
                conditions.Select(c => (FullUrlOf(c.Record), (Resource)c.Resource, Display(c.Resource.Code))), entries),
            Section("Current medications", "10160-0", "History of Medication use Narrative",
                medications.Select(m => (FullUrlOf(m.Record), m.Item2, MedicationText(m.Medication, all))), entries),
        };
        foreach (var (record, resource) in medicationResources)
        {
            AddEntry(entries, FullUrlOf(record), resource);
        }
        var contactLines = patient.Contact
            .Select(c => (patientUrl, (Resource)patient, ContactText(c.Name, c.Relationship, c.Telecom)))
            .Concat(relatedPeople.Select(p => (FullUrlOf(p.Record), (Resource)p.Resource, ContactText(p.Resource.Name.FirstOrDefault(), p.Resource.Relationship, p.Resource.Telecom))));
        sections.Add(Section("Emergency contacts", null, null, contactLines, entries));

        var composition = new Composition
        {
            Status = CompositionStatus.Final,
            Type = new CodeableConcept(Loinc, "60591-5", "Patient summary Document"),
            Subject = new ResourceReference(patientUrl),
            DateElement = new FhirDateTime(timestamp),
            Author = [new ResourceReference(patientUrl)],
            Title = options.Title,
            Section = sections,
            Text = Narrative([options.Title]),
        };
        var compositionUrl = $"urn:uuid:{Guid.NewGuid()}";
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Document,
            Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{Guid.NewGuid()}"),
            TimestampElement = new Instant(timestamp),
        };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = compositionUrl, Resource = composition });
        foreach (var (fullUrl, resource) in entries)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = fullUrl, Resource = resource });
        }
        return bundle;
    }

    private static IEnumerable<(FhirResourceRecord Record, T Resource)> Parsed<T>(IEnumerable<FhirResourceRecord> records, string type) where T : Resource =>
        records.Where(r => r.Metadata.ResourceType == type).Select(r => (r, FhirJson.Parse<T>(r.Json)));

    private static Composition.SectionComponent Section(
        string title, string? code, string? display, IEnumerable<(string FullUrl, Resource Resource, string Line)> items, List<(string, Resource)> entries)
    {
        var list = items.ToArray();
        var section = new Composition.SectionComponent
        {
            Title = title,
            Code = code is null ? null : new CodeableConcept(Loinc, code, display),
            Text = Narrative(list.Length == 0 ? ["None known."] : list.Select(i => i.Line)),
        };
        foreach (var (fullUrl, resource, _) in list)
        {
            if (!section.Entry.Any(e => e.Reference == fullUrl))
            {
                section.Entry.Add(new ResourceReference(fullUrl));
            }
            AddEntry(entries, fullUrl, resource);
        }
        if (list.Length == 0)
        {
            section.EmptyReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/list-empty-reason", "nilknown", "Nil Known");
        }
        return section;
    }

    private static void AddEntry(List<(string FullUrl, Resource Resource)> entries, string fullUrl, Resource resource)
    {
        if (!entries.Any(e => e.FullUrl == fullUrl))
        {
            entries.Add((fullUrl, resource));
        }
    }

    private static Narrative Narrative(IEnumerable<string> lines) => new()
    {
        Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated,
        Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><ul>" +
              string.Concat(lines.Select(l => $"<li>{System.Security.SecurityElement.Escape(l)}</li>")) + "</ul></div>",
    };

    private static string FullUrlOf(FhirResourceRecord record) =>
        record.Metadata.FullUrl ?? (record.Metadata.Id is { } id
            ? $"urn:medibloc:fhir:{record.Metadata.ResourceType}:{id}"
            : throw new FhirFormatException($"$: a {record.Metadata.ResourceType} record has neither fullUrl nor id, so the profile cannot cite it.", "$.id"));

    private static bool IsAbout(string? reference, FhirResourceRecord patient) => reference is not null && IsSame(reference, patient);

    private static bool IsSame(string reference, FhirResourceRecord record) =>
        reference == record.Metadata.FullUrl ||
        (record.Metadata.Id is { } id && (reference == $"{record.Metadata.ResourceType}/{id}" ||
                                          reference.EndsWith($"/{record.Metadata.ResourceType}/{id}", StringComparison.Ordinal))) ||
        (record.Metadata.FullUrl is { } url && url.EndsWith($"/{reference}", StringComparison.Ordinal));

    private static string EffectiveOf(FhirResourceRecord record) =>
        record.Metadata.Dates.FirstOrDefault(d => d.Element.StartsWith("effective", StringComparison.Ordinal))?.Value
        ?? record.Metadata.Dates.FirstOrDefault(d => d.Element == "issued")?.Value ?? string.Empty;

    private static bool HasCode(CodeableConcept? concept, params string[] codes) =>
        concept?.Coding.Any(c => codes.Contains(c.Code)) == true;

    private static string Display(CodeableConcept? concept) =>
        concept?.Text ?? concept?.Coding.Select(c => c.Display ?? c.Code).FirstOrDefault(d => d is not null) ?? "(not coded)";

    private static string ValueText(DataType? value) => value switch
    {
        CodeableConcept c => Display(c),
        Quantity q => $"{q.Value} {q.Unit}",
        FhirString s => s.Value ?? string.Empty,
        _ => "(no value)",
    };

    private static string Criticality(AllergyIntolerance allergy) =>
        allergy.Criticality == AllergyIntolerance.AllergyIntoleranceCriticality.High ? " (high criticality)" : string.Empty;

    private static string MedicationText(DataType? medication, IReadOnlyList<FhirResourceRecord> all) => medication switch
    {
        CodeableConcept c => Display(c),
        ResourceReference r => r.Display ?? all
            .Where(x => x.Metadata.ResourceType == "Medication" && r.Reference is not null && IsSame(r.Reference, x))
            .SelectMany(x => x.Metadata.Codes.Where(c => c.Element == "code"))
            .Select(c => c.Display ?? c.Code).FirstOrDefault() ?? "(medication)",
        _ => "(medication)",
    };

    private static string ContactText(HumanName? name, IEnumerable<CodeableConcept> relationship, IEnumerable<ContactPoint> telecom)
    {
        var who = name is null ? "(no name)" : name.Text ?? string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrEmpty(p)));
        var relation = relationship.Select(Display).FirstOrDefault();
        var phone = telecom.Where(t => t.System == ContactPoint.ContactPointSystem.Phone).Select(t => t.Value).FirstOrDefault()
                    ?? telecom.Select(t => t.Value).FirstOrDefault();
        return string.Join(", ", new[] { who, relation, phone }.Where(p => !string.IsNullOrEmpty(p)));
    }
}
