using System.Globalization;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Writes a study's eligibility criteria into an R4 <c>ResearchStudy</c> (a contained <c>Group</c> referenced by
/// <c>ResearchStudy.enrollment</c>) and reads them back. The criteria use a documented subset of
/// <c>Group.characteristic</c>:
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Criterion</term><description><c>characteristic</c></description></listheader>
/// <item><term>Condition</term><description><c>code</c> = <see cref="KindSystem"/>|<c>condition</c>, <c>valueCodeableConcept</c> = the codes</description></item>
/// <item><term>Medication</term><description><c>code</c> = <see cref="KindSystem"/>|<c>medication</c>, <c>valueCodeableConcept</c> = the codes</description></item>
/// <item><term>Observation</term><description><c>code</c> = the observation code (e.g. LOINC 4548-4); <c>valueQuantity</c> with comparator <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c> for one bound, <c>valueRange</c> for an inclusive range (UCUM units), <c>valueBoolean</c> true for any value</description></item>
/// <item><term>Age</term><description><c>code</c> = LOINC 30525-0, <c>valueRange</c> in UCUM <c>a</c></description></item>
/// <item><term>Sex</term><description><c>code</c> = LOINC 46098-0, <c>valueCodeableConcept</c> = administrative-gender codes</description></item>
/// </list>
/// <para><c>exclude</c> marks an exclusion. A time window ("within the last 12 months") is the extension
/// <see cref="LookbackExtension"/> with a <c>valueDuration</c> in UCUM <c>mo</c> or <c>d</c> (R4 has no relative window on a
/// characteristic). A criterion's description is the text of <c>valueCodeableConcept</c> (codes) or of <c>code</c>
/// (age, observations). Anything else is refused when read.</para>
/// </remarks>
public static class ResearchStudyEligibility
{
    /// <summary>The code system of the criterion kinds that have no standard characteristic code.</summary>
    public const string KindSystem = "urn:medibloc:eligibility";

    /// <summary>The extension URL of a criterion's lookback (a <c>valueDuration</c>).</summary>
    public const string LookbackExtension = "urn:medibloc:eligibility-lookback";

    /// <summary>The id of the contained <c>Group</c> that holds the criteria.</summary>
    public const string GroupId = "eligibility";

    private const string Ucum = "http://unitsofmeasure.org";
    private const string AgeCode = "30525-0";
    private const string SexCode = "46098-0";

    /// <summary>Builds a <c>ResearchStudy</c> (status active) with <paramref name="criteria"/> as its enrollment group.</summary>
    /// <param name="title">The study's title.</param>
    /// <param name="description">What the study is about, for patients.</param>
    /// <param name="criteria">The eligibility criteria (at least one).</param>
    /// <returns>The study, ready for <c>ResearcherClient.PostStudyAsync</c> (serialized with <see cref="ToJson"/>).</returns>
    /// <exception cref="ArgumentException">A text is empty, there are no criteria, or a criterion is outside the subset (an age without a range, an observation with other than one code, a two-sided exclusive range, a lookback in both months and days).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="criteria"/> is null.</exception>
    public static ResearchStudy ToResearchStudy(string title, string description, IReadOnlyList<EligibilityCriterion> criteria)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Count == 0)
        {
            throw new ArgumentException("A study needs at least one eligibility criterion.", nameof(criteria));
        }
        var group = new Group
        {
            Id = GroupId,
            Type = Group.GroupType.Person,
            Actual = false,
            Characteristic = [.. criteria.Select(ToCharacteristic)],
        };
        return new ResearchStudy
        {
            Title = title,
            Description = new Markdown(description),
            Status = ResearchStudy.ResearchStudyStatus.Active,
            Contained = [group],
            Enrollment = [new ResourceReference("#" + GroupId)],
        };
    }

    /// <summary>Serializes a study to FHIR JSON.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    public static string ToJson(ResearchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return System.Text.Encoding.UTF8.GetString(FhirJson.Serialize(study));
    }

    /// <summary>Parses a study's FHIR JSON (as a <c>StudyDocument</c> holds it).</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The study.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FhirFormatException">It is not a FHIR R4 <c>ResearchStudy</c>.</exception>
    public static ResearchStudy ParseStudy(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FhirJson.Parse<ResearchStudy>(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads the criteria of a study's contained enrollment group.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The criteria, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="study"/> is null.</exception>
    /// <exception cref="FhirFormatException">The study has no contained enrollment group, or a characteristic is outside the supported subset (the message names it).</exception>
    public static IReadOnlyList<EligibilityCriterion> ReadCriteria(ResearchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var reference = study.Enrollment.FirstOrDefault()?.Reference;
        var group = study.Contained.OfType<Group>().FirstOrDefault(g => reference == "#" + g.Id)
            ?? throw new FhirFormatException("$.enrollment: the study names no contained Group of eligibility criteria.", "$.enrollment");
        return [.. group.Characteristic.Select((c, i) => FromCharacteristic(c, $"$.contained[?(@.id=='{group.Id}')].characteristic[{i}]"))];
    }

    private static Group.CharacteristicComponent ToCharacteristic(EligibilityCriterion c)
    {
        var characteristic = new Group.CharacteristicComponent { Exclude = c.Exclude };
        switch (c.Kind)
        {
            case EligibilityCriterionKind.Condition or EligibilityCriterionKind.Medication:
                characteristic.Code = new CodeableConcept(KindSystem, c.Kind == EligibilityCriterionKind.Condition ? "condition" : "medication");
                characteristic.Value = Concept(c.Codes, c.Description);
                break;
            case EligibilityCriterionKind.Sex:
                characteristic.Code = new CodeableConcept(EligibilityCode.Loinc, SexCode, "Sex");
                characteristic.Value = Concept(c.Codes, c.Description);
                break;
            case EligibilityCriterionKind.Age:
                characteristic.Code = new CodeableConcept(EligibilityCode.Loinc, AgeCode, "Age") { Text = c.Description };
                characteristic.Value = RangeValue(c.Range ?? throw new ArgumentException("An age criterion needs a range.", nameof(c)));
                break;
            case EligibilityCriterionKind.Observation:
                var code = c.Codes.Count == 1 ? c.Codes[0] : throw new ArgumentException("An observation criterion has exactly one code.", nameof(c));
                characteristic.Code = new CodeableConcept(code.System, code.Code) { Text = c.Description };
                characteristic.Value = c.Range is null ? new FhirBoolean(true) : RangeValue(c.Range);
                break;
        }
        if (c.Lookback is { } l)
        {
            var duration = l.Days == 0
                ? new Duration { Value = l.Months, Unit = "months", System = Ucum, Code = "mo" }
                : l.Months == 0 ? new Duration { Value = l.Days, Unit = "days", System = Ucum, Code = "d" }
                : throw new ArgumentException("A lookback is written in months or in days, not both.", nameof(c));
            characteristic.Extension.Add(new Extension(LookbackExtension, duration));
        }
        return characteristic;
    }

    private static CodeableConcept Concept(IReadOnlyList<EligibilityCode> codes, string? text) =>
        new() { Coding = [.. codes.Select(k => new Coding(k.System, k.Code))], Text = text };

    private static DataType RangeValue(EligibilityRange r)
    {
        if (r.Low is { } low && r.High is { } high)
        {
            if (!r.LowInclusive || !r.HighInclusive)
            {
                throw new ArgumentException("A two-sided range is written inclusive (FHIR Range).", nameof(r));
            }
            return new Hl7.Fhir.Model.Range { Low = Ucumed(low, r.Unit), High = Ucumed(high, r.Unit) };
        }
        var quantity = Ucumed(r.Low ?? r.High ?? throw new ArgumentException("A range needs a bound.", nameof(r)), r.Unit);
        quantity.Comparator = r.Low is not null
            ? (r.LowInclusive ? Quantity.QuantityComparator.GreaterOrEqual : Quantity.QuantityComparator.GreaterThan)
            : (r.HighInclusive ? Quantity.QuantityComparator.LessOrEqual : Quantity.QuantityComparator.LessThan);
        return quantity;
    }

    private static Quantity Ucumed(decimal value, string unit) => new() { Value = value, Unit = unit, System = Ucum, Code = unit };

    private static EligibilityCriterion FromCharacteristic(Group.CharacteristicComponent ch, string path)
    {
        var code = ch.Code?.Coding.FirstOrDefault() ?? throw new FhirFormatException($"{path}.code: missing.", path + ".code");
        var codes = (ch.Value as CodeableConcept)?.Coding.Select(k => new EligibilityCode(k.System ?? "", k.Code ?? "")).ToList() ?? [];
        EligibilityCriterion criterion = (code.System, code.Code) switch
        {
            (KindSystem, "condition") when codes.Count > 0 => new(EligibilityCriterionKind.Condition, codes),
            (KindSystem, "medication") when codes.Count > 0 => new(EligibilityCriterionKind.Medication, codes),
            (EligibilityCode.Loinc, SexCode) when codes.Count > 0 => new(EligibilityCriterionKind.Sex, codes),
            (EligibilityCode.Loinc, AgeCode) => new(EligibilityCriterionKind.Age, []) { Range = ReadRange(ch.Value, path) },
            (KindSystem, _) => throw new FhirFormatException($"{path}.code: '{code.Code}' is not a supported criterion kind, or its codes are missing.", path + ".code"),
            ({ } system, { } c) when ch.Value is FhirBoolean { Value: true } => new(EligibilityCriterionKind.Observation, [new EligibilityCode(system, c)]),
            ({ } system, { } c) => new(EligibilityCriterionKind.Observation, [new EligibilityCode(system, c)]) { Range = ReadRange(ch.Value, path) },
            _ => throw new FhirFormatException($"{path}.code: a code needs a system and a code.", path + ".code"),
        };
        var text = (ch.Value as CodeableConcept)?.Text ?? ch.Code.Text;
        return criterion with { Exclude = ch.Exclude == true, Lookback = ReadLookback(ch, path), Description = text };
    }

    private static EligibilityRange ReadRange(DataType? value, string path)
    {
        switch (value)
        {
            case Hl7.Fhir.Model.Range { Low.Value: { } low, High.Value: { } high } range when range.Low.Code == range.High.Code && range.Low.Code is not null:
                return EligibilityRange.Between(low, high, range.Low.Code);
            case Quantity { Value: { } v, Code: { } unit } q:
                return q.Comparator switch
                {
                    Quantity.QuantityComparator.GreaterThan => EligibilityRange.GreaterThan(v, unit),
                    Quantity.QuantityComparator.GreaterOrEqual => EligibilityRange.AtLeast(v, unit),
                    Quantity.QuantityComparator.LessThan => EligibilityRange.LessThan(v, unit),
                    Quantity.QuantityComparator.LessOrEqual => EligibilityRange.AtMost(v, unit),
                    _ => EligibilityRange.Between(v, v, unit),
                };
            default:
                throw new FhirFormatException($"{path}.value: expected a Range (both bounds, one UCUM code) or a Quantity with a UCUM code.", path + ".value");
        }
    }

    private static EligibilityLookback? ReadLookback(Group.CharacteristicComponent ch, string path)
    {
        var extension = ch.Extension.FirstOrDefault(e => e.Url == LookbackExtension);
        if (extension is null)
        {
            return null;
        }
        return extension.Value is Duration { Value: { } v, Code: { } unit } && v > 0 && v == Math.Floor(v)
            ? unit switch
            {
                "mo" => new EligibilityLookback((int)v),
                "d" => new EligibilityLookback(0, (int)v),
                "a" => new EligibilityLookback((int)v * 12),
                _ => throw new FhirFormatException($"{path}.extension: lookback unit '{unit}' is not mo, d or a.", path + ".extension"),
            }
            : throw new FhirFormatException(string.Create(CultureInfo.InvariantCulture, $"{path}.extension: the lookback needs a positive whole valueDuration."), path + ".extension");
    }
}
