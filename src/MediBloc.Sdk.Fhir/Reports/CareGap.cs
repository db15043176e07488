namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>A preventive-care item that is due: never done, or last done longer ago than its interval.</summary>
/// <param name="RuleId">The <see cref="PreventiveCareRule.Id"/> that makes it due.</param>
/// <param name="Title">What is due.</param>
/// <param name="Category"><c>immunization</c>, <c>screening</c> or <c>checkup</c>.</param>
/// <param name="Source">The published recommendation (the rule's source).</param>
/// <param name="Why">Why it applies: the age and sex range (and BMI) the rule covers and how often it is due.</param>
/// <param name="LastDone">When it was last done, or null for never (in the records).</param>
/// <param name="LastDoneResourceId">The resource (type/id) that shows it was last done, or null.</param>
/// <param name="DueSince">The day it became due again (<see cref="LastDone"/> plus the interval), or null when never done.</param>
public sealed record CareGap(
    string RuleId,
    string Title,
    string Category,
    string Source,
    string Why,
    DateOnly? LastDone,
    string? LastDoneResourceId,
    DateOnly? DueSince);
