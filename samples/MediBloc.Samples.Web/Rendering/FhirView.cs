using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace MediBloc.Samples.Web.Rendering;

/// <summary>A resource as a person reads it: a title and label/value rows, with nested resources for bundles.</summary>
/// <param name="ResourceType">The FHIR resource type.</param>
/// <param name="Title">One line that says what it is.</param>
/// <param name="Rows">Label and value pairs.</param>
/// <param name="Children">Entries of a bundle.</param>
public sealed record RenderedResource(string ResourceType, string Title, IReadOnlyList<KeyValuePair<string, string>> Rows, IReadOnlyList<RenderedResource> Children);

/// <summary>Renders FHIR R4 resources readably, per resource type (never raw JSON).</summary>
public static class FhirView
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    /// <summary>Parses a record's content as a FHIR resource, or null when it is not one.</summary>
    public static Resource? TryParse(ReadOnlyMemory<byte> content)
    {
        try
        {
            var reader = new Utf8JsonReader(content.Span);
            Deserializer.TryDeserializeResource(ref reader, out var resource, out _);
            return resource;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Renders a record's content; non-FHIR content is described, not dumped.</summary>
    public static RenderedResource Render(ReadOnlyMemory<byte> content, string contentType)
    {
        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new RenderedResource("Binary", $"{contentType}, {content.Length:N0} bytes", [], []);
        }
        try
        {
            var reader = new Utf8JsonReader(content.Span);
            Deserializer.TryDeserializeResource(ref reader, out var resource, out _);
            if (resource is not null)
            {
                return Render(resource);
            }
        }
        catch (JsonException)
        {
            // Not FHIR: described below.
        }
        catch (DeserializationFailedException)
        {
            // Not FHIR: described below.
        }
        return new RenderedResource("Document", $"{contentType}, {content.Length:N0} bytes (not a FHIR resource)", [], []);
    }

    /// <summary>Renders a parsed resource.</summary>
    public static RenderedResource Render(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var rows = new List<KeyValuePair<string, string>>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                rows.Add(new(label, value));
            }
        }
        string title;
        var children = new List<RenderedResource>();
        switch (resource)
        {
            case Observation o:
                title = $"Observation: {Concept(o.Code)}";
                Add("Value", Value(o.Value));
                foreach (var c in o.Component)
                {
                    Add(Concept(c.Code), Value(c.Value));
                }
                Add("When", Value(o.Effective));
                Add("Category", string.Join(", ", o.Category.Select(Concept)));
                Add("Status", o.Status?.ToString());
                Add("Interpretation", string.Join(", ", o.Interpretation.Select(Concept)));
                Add("Note", string.Join(" ", o.Note.Select(n => n.Text)));
                break;
            case Condition c:
                title = $"Condition: {Concept(c.Code)}";
                Add("Clinical status", Concept(c.ClinicalStatus));
                Add("Verification", Concept(c.VerificationStatus));
                Add("Onset", Value(c.Onset));
                Add("Recorded", c.RecordedDate);
                break;
            case AllergyIntolerance a:
                title = $"Allergy: {Concept(a.Code)}";
                Add("Criticality", a.Criticality?.ToString());
                Add("Clinical status", Concept(a.ClinicalStatus));
                Add("Reactions", string.Join("; ", a.Reaction.SelectMany(r => r.Manifestation).Select(Concept)));
                break;
            case MedicationRequest m:
                title = $"Medication request: {Value(m.Medication)}";
                Add("Status", m.Status?.ToString());
                Add("Authored", m.AuthoredOn);
                Add("Dosage", string.Join("; ", m.DosageInstruction.Select(d => d.Text)));
                break;
            case MedicationStatement m:
                title = $"Medication: {Value(m.Medication)}";
                Add("Status", m.Status?.ToString());
                Add("Taken", Value(m.Effective));
                Add("Dosage", string.Join("; ", m.Dosage.Select(d => d.Text)));
                break;
            case Immunization i:
                title = $"Immunization: {Concept(i.VaccineCode)}";
                Add("Given", Value(i.Occurrence));
                Add("Status", i.Status?.ToString());
                break;
            case Procedure p:
                title = $"Procedure: {Concept(p.Code)}";
                Add("Performed", Value(p.Performed));
                Add("Status", p.Status?.ToString());
                break;
            case Encounter e:
                title = $"Encounter: {string.Join(", ", e.Type.Select(Concept)).NullIfEmpty() ?? e.Class?.Display ?? e.Class?.Code ?? "visit"}";
                Add("Period", Period(e.Period));
                Add("Status", e.Status?.ToString());
                Add("Reason", string.Join(", ", e.ReasonCode.Select(Concept)));
                break;
            case DiagnosticReport d:
                title = $"Report: {Concept(d.Code)}";
                Add("Issued", d.Issued?.ToString("u", CultureInfo.InvariantCulture));
                Add("Conclusion", d.Conclusion);
                Add("Results", d.Result.Count.ToString(CultureInfo.InvariantCulture));
                break;
            case Patient p:
                title = $"Patient: {string.Join(" ", p.Name.Take(1).SelectMany(n => n.Given.Append(n.Family)))}";
                Add("Birth date", p.BirthDate);
                Add("Gender", p.Gender?.ToString());
                break;
            case Composition c:
                title = $"Document: {c.Title ?? Concept(c.Type)}";
                Add("Date", c.Date);
                Add("Sections", string.Join(", ", c.Section.Select(s => s.Title)));
                break;
            case Bundle b:
                title = $"Bundle ({b.Type}) with {b.Entry.Count} entr{(b.Entry.Count == 1 ? "y" : "ies")}";
                children.AddRange(b.Entry.Where(e => e.Resource is not null).Select(e => Render(e.Resource!)));
                break;
            default:
                title = resource.TypeName;
                foreach (var (name, element) in resource.EnumerateElements().Take(16))
                {
                    if (element is PrimitiveType primitive && name != "id")
                    {
                        Add(name, primitive.ToString());
                    }
                    else if (element is CodeableConcept concept)
                    {
                        Add(name, Concept(concept));
                    }
                }
                break;
        }
        if (resource is DomainResource { Text.Div: { Length: > 0 } } && rows.Count == 0)
        {
            Add("Narrative", "(narrative present)");
        }
        return new RenderedResource(resource.TypeName, title, rows, children);
    }

    private static string Concept(CodeableConcept? concept)
    {
        if (concept is null)
        {
            return string.Empty;
        }
        if (!string.IsNullOrWhiteSpace(concept.Text))
        {
            return concept.Text;
        }
        var coding = concept.Coding.FirstOrDefault();
        return coding is null ? string.Empty
            : coding.Display ?? (coding.System?.StartsWith("http://terminology.hl7.org/", StringComparison.Ordinal) == true
                ? coding.Code ?? string.Empty
                : $"{SystemName(coding.System)} {coding.Code}".Trim());
    }

    private static string SystemName(string? system) => system switch
    {
        "http://loinc.org" => "LOINC",
        "http://snomed.info/sct" => "SNOMED CT",
        "http://www.nlm.nih.gov/research/umls/rxnorm" => "RxNorm",
        null => string.Empty,
        _ => system,
    };

    private static string Period(Period? period) =>
        period is null ? string.Empty : $"{period.Start} – {period.End}".Trim(' ', '–');

    private static string Value(DataType? value) => value switch
    {
        null => string.Empty,
        Quantity q => $"{q.Value?.ToString(CultureInfo.InvariantCulture)} {q.Unit ?? q.Code}".Trim(),
        CodeableConcept c => Concept(c),
        Period p => Period(p),
        ResourceReference r => r.Display ?? r.Reference ?? string.Empty,
        FhirDateTime d => d.Value ?? string.Empty,
        Hl7.Fhir.Model.Date d => d.Value ?? string.Empty,
        PrimitiveType p => p.ToString() ?? string.Empty,
        _ => value.TypeName,
    };

    private static string? NullIfEmpty(this string text) => text.Length == 0 ? null : text;

    /// <summary>Plain text of a rendered resource (for tests and logs without health data: the title only).</summary>
    public static string Describe(RenderedResource rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var text = new StringBuilder(rendered.Title);
        foreach (var child in rendered.Children)
        {
            text.Append("; ").Append(child.Title);
        }
        return text.ToString();
    }
}
