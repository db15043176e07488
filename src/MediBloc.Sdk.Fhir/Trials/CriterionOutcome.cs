namespace MediBloc.Sdk.Fhir;

/// <summary>How one criterion came out for the patient.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="Satisfied">For an inclusion, whether the patient meets it; for an exclusion, whether the patient does <em>not</em> meet it.</param>
/// <param name="Matched">Whether the patient's records match the criterion (before inclusion/exclusion is applied).</param>
/// <param name="Reason">Why, for the patient (it names the record that matched or what was missing). It is health data: it stays on the device.</param>
public sealed record CriterionOutcome(EligibilityCriterion Criterion, bool Satisfied, bool Matched, string Reason);
