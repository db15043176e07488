using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>
/// Builds a <see cref="HealthReport"/> from a patient's own records, on the patient's device: a pure function of the
/// records, the day and the options (no I/O, no clock). <see cref="PatientHealthReportExtensions.BuildHealthReportAsync"/>
/// opens the patient's records through the SDK and calls it.
/// </summary>
/// <remarks>
/// <para><b>Preventive-care gaps.</b> A rule of the schedule applies when the patient's age in whole years on the
/// report's day is within its ages (inclusive), the sex matches (a sex-specific rule does not apply to other or unknown
/// gender), and the latest BMI reaches its minimum BMI if it has one. It was last done on the latest day, on or before
/// the report's day, of a completed Immunization (vaccine code), completed Procedure (code), Observation or
/// DiagnosticReport (code, or an Observation component's code), or finished Encounter (type) carrying one of its codes. A
/// gap is a rule that applies and was never done, or whose last time plus its interval is on or before the report's day.</para>
/// <para><b>Trends.</b> Observations (not cancelled or entered in error) with a LOINC code of a followed metric — or a
/// component with one, as blood-pressure panels carry systolic and diastolic — and a quantity in the metric's unit
/// (no conversion). A value outside the metric's plausible range, in another unit, without a value or without a date is
/// left out and listed in <see cref="HealthReport.Ignored"/>. The direction compares the newest value with the one before.</para>
/// <para><b>Lists.</b> As the emergency profile selects them: conditions active, recurrent or relapsed (or without status
/// and abatement); MedicationRequest active or on hold and MedicationStatement active or intended; allergies not
/// inactive, resolved, refuted or entered in error. Records dated after the report's day are not used.</para>
/// </remarks>
public static class HealthReportBuilder
{
    /// <summary>Builds the report from FHIR resources.</summary>
    /// <param name="resources">The patient's resources (any types; Bundles are read entry by entry).</param>
    /// <param name="asOf">The day the report is for.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resources"/> is null or holds null.</exception>
    /// <exception cref="FhirFormatException">The resources hold Patient resources with different ids (a report is about one patient).</exception>
    public static HealthReport Build(IEnumerable<Resource> resources, DateOnly asOf, HealthReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return Build(resources, asOf, options ?? new HealthReportOptions(), []);
    }

    /// <summary>Builds the report from opened records (for example <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.OpenMyRecordsAsync"/>).</summary>
    /// <param name="records">The opened records; FHIR JSON records (a resource or a Bundle) are read, others are listed in <see cref="HealthReport.Ignored"/>.</param>
    /// <param name="asOf">The day the report is for.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null or holds null.</exception>
    /// <exception cref="FhirFormatException">The records hold Patient resources with different ids.</exception>
    public static HealthReport Build(IEnumerable<OpenedRecord> records, DateOnly asOf, HealthReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ignored = new List<IgnoredInput>();
        var resources = new List<Resource>();
        var i = 0;
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            var position = $"record[{i++}]";
            if (!record.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                ignored.Add(new IgnoredInput(position, "not FHIR JSON (content type " + record.ContentType + ")"));
                continue;
            }
            try
            {
                var resource = FhirJson.Parse(record.Content, out var issues);
                if (resource is DynamicResource)
                {
                    ignored.Add(new IgnoredInput(position, "not a FHIR R4 resource"));
                    continue;
                }
                if (issues.Count > 0)
                {
                    ignored.Add(new IgnoredInput(position, string.Create(CultureInfo.InvariantCulture, $"not valid FHIR R4 ({issues.Count} parse errors)")));
                    continue;
                }
                resources.Add(resource);
            }
            catch (FhirFormatException)
            {
                ignored.Add(new IgnoredInput(position, "not a FHIR R4 resource"));
            }
        }
        return Build(resources, asOf, options ?? new HealthReportOptions(), ignored);
    }

    private static HealthReport Build(IEnumerable<Resource> input, DateOnly asOf, HealthReportOptions options, List<IgnoredInput> ignored)
    {
        var resources = new List<Resource>();
        foreach (var resource in input)
        {
            ArgumentNullException.ThrowIfNull(resource, nameof(input));
            if (resource is Bundle bundle)
            {
                resources.AddRange(bundle.Entry.Select(e => e.Resource).OfType<Resource>().Where(r => r is not Bundle));
            }
            else
            {
                resources.Add(resource);
            }
        }

        var patient = ReadPatient(resources, asOf, ignored);
        var trends = ReportTrends.Build(resources.OfType<Observation>(), asOf, options.StableChangePercent, ignored);
        var bmi = trends.FirstOrDefault(t => t.Metric == "bmi")?.Latest.Value;
        var gaps = patient.Age is { } age
            ? CareGapEvaluator.Evaluate(options.Schedule, resources, asOf, age, patient.Sex, bmi, ignored)
            : [];
        var schedule = $"{options.Schedule.Name} {options.Schedule.Version}";
        return new HealthReport(
            HealthReport.CurrentSchema,
            asOf,
            patient,
            schedule,
            gaps,
            trends,
            Sorted(Listed(resources, asOf, ignored, Condition)),
            Sorted(Listed(resources, asOf, ignored, Medication)),
            Sorted(Listed(resources, asOf, ignored, Allergy)),
            ignored.Distinct().OrderBy(x => x.ResourceId, StringComparer.Ordinal).ThenBy(x => x.Reason, StringComparer.Ordinal).ToArray());
    }

    private static ReportPatient ReadPatient(List<Resource> resources, DateOnly asOf, List<IgnoredInput> ignored)
    {
        var patients = resources.OfType<Patient>().GroupBy(p => p.Id ?? string.Empty, StringComparer.Ordinal).ToArray();
        if (patients.Length > 1)
        {
            throw new FhirFormatException(
                $"$: a health report is about one patient; the records hold {patients.Length} Patient resources with different ids.", "$");
        }
        if (patients.Length == 0)
        {
            ignored.Add(new IgnoredInput("Patient", "no Patient resource: preventive-care gaps not checked"));
            return new ReportPatient(null, null, null, null);
        }
        var patient = patients[0].First();
        var id = ResourceIdOf(patient);
        string? sex;
        DateOnly? birth;
        try
        {
            sex = patient.Gender is { } gender ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(gender) : null;
            birth = ReportDates.Parse(patient.BirthDate);
        }
        catch (CodedValidationException)
        {
            ignored.Add(new IgnoredInput(id, WrongType + ": preventive-care gaps not checked"));
            return new ReportPatient(patient.Id, null, null, null);
        }
        if (birth is null)
        {
            ignored.Add(new IgnoredInput(id, "no usable birth date: preventive-care gaps not checked"));
            return new ReportPatient(patient.Id, null, sex, null);
        }
        if (birth > asOf)
        {
            ignored.Add(new IgnoredInput(id, "birth date after the report's day: preventive-care gaps not checked"));
            return new ReportPatient(patient.Id, birth, sex, null);
        }
        return new ReportPatient(patient.Id, birth, sex, ReportDates.AgeOn(birth.Value, asOf));
    }

    /// <summary>What is left out when Firely's recoverable parsing kept an element of the wrong type.</summary>
    internal const string WrongType = "an element holds a value of the wrong type";

    private static IEnumerable<ReportItem> Listed(List<Resource> resources, DateOnly asOf, List<IgnoredInput> ignored, Func<Resource, ReportItem?> select)
    {
        foreach (var resource in resources)
        {
            ReportItem? item;
            try
            {
                item = select(resource);
            }
            catch (CodedValidationException)
            {
                ignored.Add(new IgnoredInput(ResourceIdOf(resource), WrongType));
                continue;
            }
            if (item is not null && (item.Since is null || item.Since <= asOf))
            {
                yield return item;
            }
        }
    }

    private static ReportItem? Condition(Resource resource) =>
        resource is Condition c && !HasCode(c.VerificationStatus, "refuted", "entered-in-error") &&
        (HasCode(c.ClinicalStatus, "active", "recurrence", "relapse") || (c.ClinicalStatus is null && c.Abatement is null))
            ? Item(c.Code, ReportDates.Of(c.Onset) ?? ReportDates.Parse(c.RecordedDate), c)
            : null;

    private static ReportItem? Medication(Resource resource) => resource switch
    {
        MedicationRequest { Status: MedicationRequest.MedicationrequestStatus.Active or MedicationRequest.MedicationrequestStatus.OnHold } m =>
            Item(m.Medication, ReportDates.Parse(m.AuthoredOn), m),
        MedicationStatement { Status: MedicationStatement.MedicationStatusCodes.Active or MedicationStatement.MedicationStatusCodes.Intended } m =>
            Item(m.Medication, ReportDates.Of(m.Effective) ?? ReportDates.Parse(m.DateAsserted), m),
        _ => null,
    };

    private static ReportItem? Allergy(Resource resource) =>
        resource is AllergyIntolerance a && !HasCode(a.ClinicalStatus, "inactive", "resolved") && !HasCode(a.VerificationStatus, "refuted", "entered-in-error")
            ? Item(a.Code, ReportDates.Parse(a.RecordedDate) ?? ReportDates.Of(a.Onset), a)
            : null;

    private static ReportItem Item(DataType? what, DateOnly? since, Resource resource)
    {
        var concept = what as CodeableConcept;
        var coding = concept?.Coding.FirstOrDefault();
        var display = coding?.Display ?? concept?.Text ?? (what as ResourceReference)?.Display ?? (what as ResourceReference)?.Reference ?? coding?.Code ?? "(not named)";
        return new ReportItem(display, coding?.System, coding?.Code, since, ResourceIdOf(resource));
    }

    private static ReportItem[] Sorted(IEnumerable<ReportItem> items) =>
        items.OrderBy(i => i.Since ?? DateOnly.MaxValue).ThenBy(i => i.ResourceId, StringComparer.Ordinal).ThenBy(i => i.Display, StringComparer.Ordinal).ToArray();

    private static bool HasCode(CodeableConcept? concept, params string[] codes) =>
        concept?.Coding.Any(c => codes.Contains(c.Code, StringComparer.Ordinal)) == true;

    internal static string ResourceIdOf(Resource resource) =>
        string.Create(CultureInfo.InvariantCulture, $"{resource.TypeName}/{(string.IsNullOrEmpty(resource.Id) ? "(no id)" : resource.Id)}");
}
