using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>The preventive-care part of <see cref="HealthReportBuilder"/>.</summary>
internal static class CareGapEvaluator
{
    public static IReadOnlyList<CareGap> Evaluate(
        PreventiveCareSchedule schedule, IEnumerable<Resource> resources, DateOnly asOf, int age, string? sex, decimal? bmi, List<IgnoredInput> ignored)
    {
        var wanted = schedule.Rules.SelectMany(r => r.Evidence).Select(Key).ToHashSet(StringComparer.Ordinal);
        var done = new Dictionary<string, (DateOnly Date, string Id)>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var id = HealthReportBuilder.ResourceIdOf(resource);
            string[] keys;
            DateOnly? date;
            try
            {
                var (codes, when) = EvidenceOf(resource);
                keys = codes.Where(c => c.System is not null && c.Code is not null).Select(c => c.System + "|" + c.Code).Where(wanted.Contains).ToArray();
                date = when;
            }
            catch (CodedValidationException)
            {
                ignored.Add(new IgnoredInput(id, HealthReportBuilder.WrongType));
                continue;
            }
            if (keys.Length == 0)
            {
                continue;
            }
            if (date is null)
            {
                ignored.Add(new IgnoredInput(id, "no effective date"));
                continue;
            }
            if (date > asOf)
            {
                continue;
            }
            foreach (var key in keys)
            {
                if (!done.TryGetValue(key, out var last) || date > last.Date || (date == last.Date && string.CompareOrdinal(id, last.Id) < 0))
                {
                    done[key] = (date.Value, id);
                }
            }
        }

        var gaps = new List<CareGap>();
        foreach (var rule in schedule.Rules)
        {
            if (!Applies(rule, age, sex, bmi))
            {
                continue;
            }
            var last = rule.Evidence.Select(Key).Where(done.ContainsKey).Select(k => done[k])
                .OrderByDescending(d => d.Date).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => ((DateOnly Date, string Id)?)d).FirstOrDefault();
            DateOnly? dueSince = null;
            if (last is { } l)
            {
                if (rule.IntervalMonths is not { } months || DueAfter(l.Date, months) is not { } due || due > asOf)
                {
                    continue;
                }
                dueSince = due;
            }
            gaps.Add(new CareGap(rule.Id, rule.Title, rule.Category, rule.Source, Why(rule, age, bmi), last?.Date, last?.Id, dueSince));
        }
        return gaps;
    }

    /// <summary>Whether a rule applies to a patient of this age, sex and latest BMI.</summary>
    internal static bool Applies(PreventiveCareRule rule, int age, string? sex, decimal? bmi) =>
        age >= rule.MinAge && (rule.MaxAge is null || age <= rule.MaxAge) &&
        (rule.Sex is null || string.Equals(rule.Sex, sex, StringComparison.Ordinal)) &&
        (rule.MinBmi is null || (bmi is { } b && b >= rule.MinBmi));

    private static DateOnly? DueAfter(DateOnly last, int months) =>
        last <= DateOnly.MaxValue.AddMonths(-months) ? last.AddMonths(months) : null;

    private static string Why(PreventiveCareRule rule, int age, decimal? bmi)
    {
        var who = rule.Sex switch { "female" => "women", "male" => "men", _ => "everyone" };
        var ages = rule.MaxAge is { } max ? $"aged {rule.MinAge} to {max}" : $"aged {rule.MinAge} and older";
        var weight = rule.MinBmi is { } minBmi ? string.Create(CultureInfo.InvariantCulture, $" with a BMI of {minBmi} or more (latest {Math.Round(bmi ?? 0, 1)})") : string.Empty;
        var often = rule.IntervalMonths is { } months ? $"every {months} months" : "once";
        return string.Create(CultureInfo.InvariantCulture, $"{rule.Id}: for {who} {ages}{weight}, {often}; age {age} on the report's day.");
    }

    private static string Key(CareCode code) => code.System + "|" + code.Code;

    private static (IEnumerable<Coding> Codes, DateOnly? Date) EvidenceOf(Resource resource) => resource switch
    {
        Immunization { Status: not (Immunization.ImmunizationStatusCodes.NotDone or Immunization.ImmunizationStatusCodes.EnteredInError) } i =>
            (Codings(i.VaccineCode), ReportDates.Of(i.Occurrence) ?? ReportDates.Parse(i.Recorded)),
        Procedure { Status: null or EventStatus.Completed } p => (Codings(p.Code), ReportDates.Of(p.Performed)),
        Observation { Status: not (ObservationStatus.Cancelled or ObservationStatus.EnteredInError or ObservationStatus.Registered) } o =>
            (Codings(o.Code).Concat(o.Component.SelectMany(c => Codings(c.Code))), ReportDates.Of(o.Effective)),
        DiagnosticReport { Status: not (DiagnosticReport.DiagnosticReportStatus.Cancelled or DiagnosticReport.DiagnosticReportStatus.EnteredInError or DiagnosticReport.DiagnosticReportStatus.Registered) } d =>
            (Codings(d.Code), ReportDates.Of(d.Effective)),
        Encounter { Status: null or Encounter.EncounterStatus.Finished } e => (e.Type.SelectMany(Codings), ReportDates.Of(e.Period)),
        _ => ([], null),
    };

    private static IEnumerable<Coding> Codings(CodeableConcept? concept) => concept?.Coding ?? [];
}
