namespace MediBloc.Sdk.Fhir;

/// <summary>The outcome of an eligibility evaluation, computed on the patient's device. It is health data: it never leaves the device through the SDK.</summary>
/// <param name="IsEligible">Whether every criterion is satisfied and the patient was alive at the evaluation time.</param>
/// <param name="AsOf">The evaluation time.</param>
/// <param name="Outcomes">One outcome per criterion, in the study's order.</param>
public sealed record EligibilityResult(bool IsEligible, DateTimeOffset AsOf, IReadOnlyList<CriterionOutcome> Outcomes)
{
    /// <summary>Why the patient is not eligible regardless of the criteria (the patient record is missing, or the patient died before <see cref="AsOf"/>), or <see langword="null"/>.</summary>
    public string? PatientProblem { get; init; }

    /// <summary>The criteria that were not satisfied.</summary>
    public IEnumerable<CriterionOutcome> Failed => Outcomes.Where(o => !o.Satisfied);
}
