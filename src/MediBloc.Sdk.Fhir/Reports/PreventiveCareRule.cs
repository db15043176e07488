namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>
/// One rule of a <see cref="PreventiveCareSchedule"/>: what is due (an immunization, a screening, a check-up), for whom
/// (ages in whole years, inclusive; a sex or anyone; optionally a minimum BMI), how often, and which codes count as done.
/// </summary>
/// <param name="Id">The rule's stable id (for example <c>uspstf-colorectal-cancer</c>).</param>
/// <param name="Title">What is due, for the patient to read.</param>
/// <param name="Category"><c>immunization</c>, <c>screening</c> or <c>checkup</c>.</param>
/// <param name="Source">The published recommendation the rule follows.</param>
/// <param name="Sex"><c>female</c> or <c>male</c> (FHIR administrative gender), or null for anyone.</param>
/// <param name="MinAge">The youngest age it applies to, in whole years.</param>
/// <param name="MaxAge">The oldest age it applies to, in whole years; null for no upper bound.</param>
/// <param name="IntervalMonths">How often it is due again, in months; null when once in a lifetime is enough.</param>
/// <param name="MinBmi">Applies only when the latest BMI is at least this (kg/m2); null for no BMI condition.</param>
/// <param name="Evidence">The codes that count as done: an Immunization's vaccine code, a Procedure's code, an Observation's or DiagnosticReport's code (or an Observation component's), an Encounter's type.</param>
public sealed record PreventiveCareRule(
    string Id,
    string Title,
    string Category,
    string Source,
    string? Sex,
    int MinAge,
    int? MaxAge,
    int? IntervalMonths,
    decimal? MinBmi,
    IReadOnlyList<CareCode> Evidence);
