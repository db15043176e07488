using System.Globalization;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Evaluates a study's eligibility criteria against the patient's own FHIR R4 resources, on the device. Pure: no I/O,
/// no clock (the caller passes the evaluation time), nothing is sent anywhere. The result says which criteria were
/// met or failed and why, for the patient to read; the SDK never publishes it.
/// </summary>
/// <remarks>
/// <para>The resources read: the first <c>Patient</c> (birth date, gender, death), <c>Condition</c>, <c>Observation</c>,
/// <c>MedicationRequest</c> and <c>MedicationStatement</c>; everything else is ignored. A patient who died at or before
/// the evaluation time, or without a <c>Patient</c> resource, is not eligible.</para>
/// <para>Rules: codes match on system and code exactly. A condition counts when it is not refuted or entered in error,
/// began (onset, else recorded date) at or before the evaluation time, and was not abated at or before it (a resolved,
/// inactive or in-remission condition without an abatement date does not count). An observation counts when it is
/// final, amended or corrected and effective at or before the evaluation time; with a range, its quantity must be in
/// the range's UCUM unit (no conversion) and within the bounds. A medication counts, without a lookback, when a
/// request or statement is active; with one, when it was authored or asserted within the window and not cancelled or
/// entered in error. Lookbacks are inclusive at their start. Age is in whole years at the evaluation time; a partial
/// birth date counts from its first day.</para>
/// </remarks>
public static class EligibilityEvaluator
{
    private static readonly string[] InactiveClinical = ["inactive", "remission", "resolved"];

    /// <summary>Evaluates <paramref name="criteria"/> against <paramref name="resources"/> at <paramref name="asOf"/>.</summary>
    /// <param name="criteria">The study's criteria (all must be satisfied).</param>
    /// <param name="resources">The patient's resources (opened records; bundles are not unpacked: pass their entries).</param>
    /// <param name="asOf">The evaluation time.</param>
    /// <returns>Whether the patient is eligible, with one outcome per criterion.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static EligibilityResult Evaluate(IReadOnlyList<EligibilityCriterion> criteria, IEnumerable<Resource> resources, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(resources);
        var all = resources.ToList();
        var patient = all.OfType<Patient>().FirstOrDefault();
        var outcomes = criteria.Select(c => Outcome(c, Match(c, patient, all, asOf))).ToList();
        string? problem = patient is null ? "No Patient resource among the records." : Deceased(patient, asOf);
        return new EligibilityResult(problem is null && outcomes.All(o => o.Satisfied), asOf, outcomes) { PatientProblem = problem };
    }

    /// <summary>Evaluates against the resources of a bundle (its entries).</summary>
    /// <param name="criteria">The study's criteria.</param>
    /// <param name="bundle">The patient's bundle.</param>
    /// <param name="asOf">The evaluation time.</param>
    /// <returns>Whether the patient is eligible, with one outcome per criterion.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static EligibilityResult Evaluate(IReadOnlyList<EligibilityCriterion> criteria, Bundle bundle, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Evaluate(criteria, bundle.Entry.Select(e => e.Resource).OfType<Resource>(), asOf);
    }

    private static CriterionOutcome Outcome(EligibilityCriterion criterion, (bool Matched, string Reason) match) =>
        new(criterion, criterion.Exclude ? !match.Matched : match.Matched, match.Matched, criterion.Exclude && match.Matched ? "Excluded: " + match.Reason : match.Reason);

    private static (bool, string) Match(EligibilityCriterion c, Patient? patient, List<Resource> all, DateTimeOffset asOf) => c.Kind switch
    {
        EligibilityCriterionKind.Age => MatchAge(c, patient, asOf),
        EligibilityCriterionKind.Sex => MatchSex(c, patient),
        EligibilityCriterionKind.Condition => MatchCondition(c, all, asOf),
        EligibilityCriterionKind.Observation => MatchObservation(c, all, asOf),
        EligibilityCriterionKind.Medication => MatchMedication(c, all, asOf),
        _ => (false, $"Unsupported criterion kind {c.Kind}."),
    };

    private static string? Deceased(Patient patient, DateTimeOffset asOf) => patient.Deceased switch
    {
        FhirBoolean { Value: true } => "The patient is recorded as deceased.",
        FhirDateTime d when Date(d.Value) is { } died && died <= asOf => $"The patient died on {Day(died)}.",
        _ => null,
    };

    private static (bool, string) MatchAge(EligibilityCriterion c, Patient? patient, DateTimeOffset asOf)
    {
        if (Date(patient?.BirthDate) is not { } born)
        {
            return (false, "The birth date is unknown.");
        }
        var today = asOf.UtcDateTime.Date;
        var age = today.Year - born.Year - ((today.Month, today.Day).CompareTo((born.Month, born.Day)) < 0 ? 1 : 0);
        var inRange = c.Range is null || c.Range.Contains(age, "a");
        return (inRange, $"Age {age} ({(inRange ? "within" : "outside")} {c.Range?.ToString() ?? "any"}).");
    }

    private static (bool, string) MatchSex(EligibilityCriterion c, Patient? patient)
    {
        var gender = patient?.Gender switch
        {
            AdministrativeGender.Male => "male",
            AdministrativeGender.Female => "female",
            AdministrativeGender.Other => "other",
            AdministrativeGender.Unknown => "unknown",
            _ => null,
        };
        if (gender is null)
        {
            return (false, "The gender is unknown.");
        }
        var match = c.Codes.Any(code => string.Equals(code.Code, gender, StringComparison.Ordinal));
        return (match, $"Gender {gender}.");
    }

    private static (bool, string) MatchCondition(EligibilityCriterion c, List<Resource> all, DateTimeOffset asOf)
    {
        var windowStart = c.Lookback?.StartFor(asOf);
        foreach (var condition in all.OfType<Condition>())
        {
            if (!Matches(condition.Code, c.Codes) || VerificationExcluded(condition))
            {
                continue;
            }
            var began = Date((condition.Onset as FhirDateTime)?.Value) ?? Date(condition.RecordedDate);
            if (began is { } b && (b > asOf || (windowStart is { } s && b < s)))
            {
                continue;
            }
            if (began is null && windowStart is not null)
            {
                continue;
            }
            var abated = Date((condition.Abatement as FhirDateTime)?.Value);
            if (abated is { } a ? a <= asOf : Clinical(condition) is { } status && InactiveClinical.Contains(status))
            {
                continue;
            }
            return (true, $"Condition {Display(condition.Code!)} since {(began is { } d ? Day(d) : "an unknown date")}.");
        }
        return (false, $"No {(windowStart is null ? "active " : "")}condition {string.Join(" or ", c.Codes)}{Within(c)}.");
    }

    private static (bool, string) MatchObservation(EligibilityCriterion c, List<Resource> all, DateTimeOffset asOf)
    {
        var windowStart = c.Lookback?.StartFor(asOf);
        (Observation Observation, DateTimeOffset When)? latest = null;
        foreach (var observation in all.OfType<Observation>())
        {
            if (!Matches(observation.Code, c.Codes)
                || observation.Status is not (ObservationStatus.Final or ObservationStatus.Amended or ObservationStatus.Corrected)
                || Effective(observation) is not { } when || when > asOf || (windowStart is { } s && when < s))
            {
                continue;
            }
            if (c.Range is null || (observation.Value is Quantity { Value: { } v } q && c.Range.Contains(v, q.Code ?? q.Unit)))
            {
                return (true, $"Observation {Display(observation.Code)}{Value(observation)} on {Day(when)}{(c.Range is null ? "" : $" is {c.Range}")}.");
            }
            if (latest is null || when > latest.Value.When)
            {
                latest = (observation, when);
            }
        }
        return latest is { } l
            ? (false, $"No observation {string.Join(" or ", c.Codes)}{Within(c)} is {c.Range}; the latest is{Value(l.Observation)} on {Day(l.When)}.")
            : (false, $"No observation {string.Join(" or ", c.Codes)}{Within(c)}.");
    }

    private static (bool, string) MatchMedication(EligibilityCriterion c, List<Resource> all, DateTimeOffset asOf)
    {
        var windowStart = c.Lookback?.StartFor(asOf);
        foreach (var resource in all)
        {
            var (code, status, date) = resource switch
            {
                MedicationRequest r => (r.Medication as CodeableConcept, r.Status?.ToString(), Date(r.AuthoredOn)),
                MedicationStatement s => (s.Medication as CodeableConcept, s.Status?.ToString(), Date((s.Effective as FhirDateTime)?.Value) ?? Date(s.DateAsserted)),
                _ => (null, null, null),
            };
            if (code is null || !Matches(code, c.Codes) || date is { } future && future > asOf)
            {
                continue;
            }
            var counts = windowStart is { } s2
                ? date is { } d && d >= s2 && status is not ("Cancelled" or "EnteredInError" or "Draft")
                : status == "Active";
            if (counts)
            {
                return (true, $"Medication {Display(code)} ({status?.ToLowerInvariant()}{(date is { } on ? $", {Day(on)}" : "")}).");
            }
        }
        return (false, $"No {(windowStart is null ? "active " : "")}medication {string.Join(" or ", c.Codes)}{Within(c)}.");
    }

    private static bool Matches(CodeableConcept? concept, IReadOnlyList<EligibilityCode> codes) =>
        concept?.Coding.Any(coding => codes.Any(code => coding.System == code.System && coding.Code == code.Code)) == true;

    private static bool VerificationExcluded(Condition condition) =>
        condition.VerificationStatus?.Coding.Any(c => c.Code is "refuted" or "entered-in-error") == true;

    private static string? Clinical(Condition condition) => condition.ClinicalStatus?.Coding.FirstOrDefault()?.Code;

    private static DateTimeOffset? Effective(Observation observation) => observation.Effective switch
    {
        FhirDateTime d => Date(d.Value),
        Period p => Date(p.Start),
        Instant i => i.Value,
        _ => null,
    };

    private static string Value(Observation observation) => observation.Value is Quantity { Value: { } v } q
        ? string.Create(CultureInfo.InvariantCulture, $" = {Math.Round(v, 2)} {q.Code ?? q.Unit}")
        : string.Empty;

    private static string Display(CodeableConcept concept) =>
        concept.Coding.FirstOrDefault() is { } c ? $"{c.Code}{(c.Display is { } d ? $" ({d})" : "")}" : "(no code)";

    private static string Within(EligibilityCriterion c) => c.Lookback is { } l ? $" within the last {l}" : string.Empty;

    private static string Day(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A FHIR date or dateTime (possibly partial: a year, a month) as its first moment, in UTC when no offset is given.</summary>
    internal static DateTimeOffset? Date(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        string[] partial = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        if (DateTime.TryParseExact(value, partial, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            return new DateTimeOffset(day, TimeSpan.Zero);
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) ? moment : null;
    }
}
