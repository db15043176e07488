using System.Text.Json;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>
/// A preventive-care schedule kept as data: the rules (<see cref="PreventiveCareRule"/>) a
/// <see cref="HealthReportBuilder"/> checks, and the published sources they follow.
/// </summary>
/// <remarks>
/// <see cref="Default"/> is the schedule embedded in this package (<c>Reports/preventive-care-schedule.json</c>): a
/// documented subset of the USPSTF A and B recommendations, the CDC adult immunization schedule and the AAP Bright
/// Futures periodicity schedule, with the LOINC, SNOMED CT and CVX codes Synthea writes. Load your own with
/// <see cref="Parse(ReadOnlyMemory{byte})"/>; the JSON shape is that of the embedded file.
/// </remarks>
/// <param name="Name">The schedule's name.</param>
/// <param name="Version">The schedule's version.</param>
/// <param name="Sources">The published recommendations it follows.</param>
/// <param name="Rules">The rules.</param>
public sealed record PreventiveCareSchedule(string Name, string Version, IReadOnlyList<string> Sources, IReadOnlyList<PreventiveCareRule> Rules)
{
    private const int MaxRules = 1000;
    private static readonly Lazy<PreventiveCareSchedule> Embedded = new(LoadEmbedded);

    /// <summary>The schedule embedded in this package.</summary>
    public static PreventiveCareSchedule Default => Embedded.Value;

    /// <summary>Reads a schedule from JSON (the shape of the embedded <c>preventive-care-schedule.json</c>).</summary>
    /// <param name="json">The schedule, UTF-8 JSON.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="FhirFormatException">The JSON is malformed or a rule is incomplete or contradictory; the path names the element (for example <c>rules[3].minAge</c>).</exception>
    public static PreventiveCareSchedule Parse(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException($"$: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", "$", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FhirFormatException("$: a schedule is a JSON object.", "$");
            }
            var sources = root.TryGetProperty("sources", out var s) && s.ValueKind == JsonValueKind.Array
                ? s.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray()
                : [];
            if (!root.TryGetProperty("rules", out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
            {
                throw new FhirFormatException("rules: a schedule needs a 'rules' array.", "rules");
            }
            if (rulesElement.GetArrayLength() > MaxRules)
            {
                throw new FhirFormatException($"rules: more than {MaxRules} rules.", "rules");
            }
            var rules = new List<PreventiveCareRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var element in rulesElement.EnumerateArray())
            {
                var rule = ReadRule(element, $"rules[{i++}]");
                if (!ids.Add(rule.Id))
                {
                    throw new FhirFormatException($"rules[{i - 1}].id: the id is used twice.", $"rules[{i - 1}].id");
                }
                rules.Add(rule);
            }
            return new PreventiveCareSchedule(Text(root, "name", "$") ?? "unnamed", Text(root, "version", "$") ?? "0", sources, rules);
        }
    }

    private static PreventiveCareRule ReadRule(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FhirFormatException($"{path}: a rule is a JSON object.", path);
        }
        string Required(string name) => Text(element, name, path) ?? throw new FhirFormatException($"{path}.{name}: missing.", $"{path}.{name}");
        var category = Required("category");
        if (category is not ("immunization" or "screening" or "checkup"))
        {
            throw new FhirFormatException($"{path}.category: one of immunization, screening, checkup.", $"{path}.category");
        }
        var sex = Text(element, "sex", path);
        if (sex is not (null or "female" or "male"))
        {
            throw new FhirFormatException($"{path}.sex: female, male, or absent for anyone.", $"{path}.sex");
        }
        var minAge = Integer(element, "minAge", path) ?? 0;
        var maxAge = Integer(element, "maxAge", path);
        var interval = Integer(element, "intervalMonths", path);
        if (minAge < 0 || minAge > 150 || maxAge is < 0 or > 150 || maxAge < minAge)
        {
            throw new FhirFormatException($"{path}.minAge: ages are whole years from 0 to 150, minAge at most maxAge.", $"{path}.minAge");
        }
        if (interval is <= 0 or > 1200)
        {
            throw new FhirFormatException($"{path}.intervalMonths: from 1 to 1200 months, or absent for once.", $"{path}.intervalMonths");
        }
        decimal? minBmi = element.TryGetProperty("minBmi", out var bmi) && bmi.ValueKind == JsonValueKind.Number ? bmi.GetDecimal() : null;
        if (!element.TryGetProperty("evidence", out var evidence) || evidence.ValueKind != JsonValueKind.Array || evidence.GetArrayLength() == 0)
        {
            throw new FhirFormatException($"{path}.evidence: a rule needs at least one code.", $"{path}.evidence");
        }
        var codes = new List<CareCode>();
        var j = 0;
        foreach (var code in evidence.EnumerateArray())
        {
            var codePath = $"{path}.evidence[{j++}]";
            if (code.ValueKind != JsonValueKind.Object)
            {
                throw new FhirFormatException($"{codePath}: a code is an object with system and code.", codePath);
            }
            codes.Add(new CareCode(
                Text(code, "system", codePath) ?? throw new FhirFormatException($"{codePath}.system: missing.", $"{codePath}.system"),
                Text(code, "code", codePath) ?? throw new FhirFormatException($"{codePath}.code: missing.", $"{codePath}.code")));
        }
        return new PreventiveCareRule(Required("id"), Required("title"), category, Required("source"), sex, minAge, maxAge, interval, minBmi, codes);
    }

    private static string? Text(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FhirFormatException($"{path}.{name}: a non-empty string.", $"{path}.{name}");
    }

    private static int? Integer(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new FhirFormatException($"{path}.{name}: a whole number.", $"{path}.{name}");
    }

    private static PreventiveCareSchedule LoadEmbedded()
    {
        using var stream = typeof(PreventiveCareSchedule).Assembly.GetManifestResourceStream("MediBloc.Sdk.Fhir.Reports.preventive-care-schedule.json")
            ?? throw new InvalidOperationException("The embedded preventive-care schedule is missing from the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray());
    }
}
