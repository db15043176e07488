using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir;

/// <summary>Reads a resource's metadata from its JSON and checks what a record needs; never rewrites the JSON.</summary>
internal static partial class ResourceInspector
{
    /// <summary>Resource types whose patient element is mandatory (min 1) in FHIR R4, and that element.</summary>
    private static readonly Dictionary<string, string> RequiredPatient = new(StringComparer.Ordinal)
    {
        ["AdverseEvent"] = "subject",
        ["AllergyIntolerance"] = "patient",
        ["BodyStructure"] = "patient",
        ["CarePlan"] = "subject",
        ["ChargeItem"] = "subject",
        ["Claim"] = "patient",
        ["ClaimResponse"] = "patient",
        ["ClinicalImpression"] = "subject",
        ["Condition"] = "subject",
        ["Coverage"] = "beneficiary",
        ["CoverageEligibilityRequest"] = "patient",
        ["CoverageEligibilityResponse"] = "patient",
        ["DeviceRequest"] = "subject",
        ["DeviceUseStatement"] = "subject",
        ["EpisodeOfCare"] = "patient",
        ["ExplanationOfBenefit"] = "patient",
        ["FamilyMemberHistory"] = "patient",
        ["Flag"] = "subject",
        ["Goal"] = "subject",
        ["ImagingStudy"] = "subject",
        ["Immunization"] = "patient",
        ["ImmunizationEvaluation"] = "patient",
        ["ImmunizationRecommendation"] = "patient",
        ["MedicationAdministration"] = "subject",
        ["MedicationRequest"] = "subject",
        ["MedicationStatement"] = "subject",
        ["NutritionOrder"] = "patient",
        ["Procedure"] = "subject",
        ["RelatedPerson"] = "patient",
        ["RiskAssessment"] = "subject",
        ["ServiceRequest"] = "subject",
        ["VisionPrescription"] = "patient",
    };

    private static readonly string[] SubjectElements = ["subject", "patient", "beneficiary"];

    private static readonly HashSet<string> SkippedTopLevel = new(StringComparer.Ordinal)
    {
        "resourceType", "id", "meta", "text", "contained", "extension", "modifierExtension", "implicitRules", "language",
    };

    internal sealed record Inspection(FhirResourceMetadata Metadata, IReadOnlyList<(string Path, string Reference)> References);

    public static Inspection Inspect(ReadOnlyMemory<byte> json, string path, string? fullUrl)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            throw new FhirFormatException($"{path}: the resource is not UTF-8 text.", path);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException(
                $"{path}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} of the resource).", path, ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FhirFormatException($"{path}: a FHIR resource must be a JSON object.", path);
            }
            var resourceType = CheckResourceType(root, path);
            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;

            var references = new List<(string, string)>();
            var containedIds = new HashSet<string>(StringComparer.Ordinal);
            if (root.TryGetProperty("contained", out var contained) && contained.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var c in contained.EnumerateArray())
                {
                    var cPath = $"{path}.contained[{i++}]";
                    if (c.ValueKind != JsonValueKind.Object)
                    {
                        throw new FhirFormatException($"{cPath}: a contained resource must be a JSON object.", cPath);
                    }
                    CheckResourceType(c, cPath);
                    if (c.TryGetProperty("id", out var cid) && cid.ValueKind == JsonValueKind.String)
                    {
                        containedIds.Add(cid.GetString()!);
                    }
                }
            }
            Walk(root, path, references);
            foreach (var (refPath, reference) in references)
            {
                if (reference.Length > 1 && reference[0] == '#' && !containedIds.Contains(reference[1..]))
                {
                    throw new FhirFormatException(
                        $"{refPath}: the local reference names no contained resource of this resource; add the contained resource or fix the reference.",
                        refPath);
                }
            }

            string? subject = null;
            if (resourceType == "Patient")
            {
                subject = fullUrl ?? (id is null ? null : $"Patient/{id}");
            }
            else
            {
                foreach (var element in SubjectElements)
                {
                    if (root.TryGetProperty(element, out var s) && s.ValueKind == JsonValueKind.Object &&
                        s.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String)
                    {
                        subject = r.GetString();
                        break;
                    }
                }
                if (RequiredPatient.TryGetValue(resourceType, out var required) && !root.TryGetProperty(required, out _))
                {
                    var subjectPath = $"{path}.{required}";
                    throw new FhirFormatException(
                        $"{subjectPath}: a {resourceType} must name its patient ({resourceType}.{required} is required in FHIR R4).",
                        subjectPath);
                }
            }

            var codes = new List<FhirCoding>();
            var dates = new List<FhirDateElement>();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name.Length == 0)
                {
                    throw new FhirFormatException($"{path}: a property has an empty name; every FHIR element is named.", path);
                }
                if (SkippedTopLevel.Contains(property.Name) || property.Name[0] == '_')
                {
                    continue;
                }
                CollectTopLevel(property.Name, property.Value, codes, dates);
            }

            var profiles = new List<string>();
            if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object &&
                meta.TryGetProperty("profile", out var profileArray) && profileArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var p in profileArray.EnumerateArray())
                {
                    if (p.ValueKind == JsonValueKind.String)
                    {
                        profiles.Add(p.GetString()!);
                    }
                }
            }

            var metadata = new FhirResourceMetadata(
                resourceType, id, fullUrl, subject, codes, dates, references.Select(r => r.Item2).ToArray(), profiles);
            return new Inspection(metadata, references);
        }
    }

    private static string CheckResourceType(JsonElement resource, string path)
    {
        if (!resource.TryGetProperty("resourceType", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new FhirFormatException($"{path}.resourceType: missing; every FHIR resource names its type.", $"{path}.resourceType");
        }
        var resourceType = typeElement.GetString()!;
        if (!ModelInfo.IsKnownResource(resourceType))
        {
            throw new FhirFormatException(
                $"{path}.resourceType: not a FHIR R4 resource type; check the spelling and the FHIR version.", $"{path}.resourceType");
        }
        return resourceType;
    }

    private static void Walk(JsonElement element, string path, List<(string, string)> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                string? previous = null;
                HashSet<string>? seen = null;
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    if (previous is not null)
                    {
                        seen ??= new HashSet<string>(StringComparer.Ordinal) { previous };
                        if (!seen.Add(name))
                        {
                            throw new FhirFormatException(
                                $"{path}.{name}: the property appears twice in one object; JSON for FHIR allows each name once.", $"{path}.{name}");
                        }
                    }
                    previous = name;
                    var childPath = $"{path}.{name}";
                    if (name == "reference" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        references.Add((childPath, property.Value.GetString()!));
                    }
                    else if (name != "contained")
                    {
                        Walk(property.Value, childPath, references);
                    }
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", references);
                }
                break;
            default:
                break;
        }
    }

    private static void CollectTopLevel(string name, JsonElement value, List<FhirCoding> codes, List<FhirDateElement> dates)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length >= 4 && DatePattern().IsMatch(text))
                {
                    dates.Add(new FhirDateElement(name, text));
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        CollectCodings(name, item, codes);
                    }
                }
                break;
            case JsonValueKind.Object:
                CollectCodings(name, value, codes);
                foreach (var end in (ReadOnlySpan<string>)["start", "end"])
                {
                    if (value.TryGetProperty(end, out var boundary) && boundary.ValueKind == JsonValueKind.String &&
                        DatePattern().IsMatch(boundary.GetString()!))
                    {
                        dates.Add(new FhirDateElement($"{name}.{end}", boundary.GetString()!));
                    }
                }
                break;
            default:
                break;
        }
    }

    private static void CollectCodings(string name, JsonElement value, List<FhirCoding> codes)
    {
        if (value.TryGetProperty("coding", out var coding) && coding.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in coding.EnumerateArray())
            {
                AddCoding(name, c, codes);
            }
        }
        else if (value.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && value.TryGetProperty("system", out _))
        {
            AddCoding(name, value, codes);
        }
    }

    private static void AddCoding(string name, JsonElement c, List<FhirCoding> codes)
    {
        if (c.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        codes.Add(new FhirCoding(name, StringOf(c, "system"), StringOf(c, "code"), StringOf(c, "display")));
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
