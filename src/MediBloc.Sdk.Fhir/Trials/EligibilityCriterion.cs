namespace MediBloc.Sdk.Fhir;

/// <summary>
/// One eligibility criterion of a study: an inclusion the patient must meet or, with <see cref="Exclude"/>, an exclusion
/// the patient must not meet. A study's criteria all apply (AND); the codes of one criterion are alternatives (OR).
/// Written into and read from FHIR R4 <c>Group.characteristic</c> by <see cref="ResearchStudyEligibility"/>.
/// </summary>
/// <param name="Kind">What the criterion looks at.</param>
/// <param name="Codes">The codes (any one matches): condition, observation or medication codes with their system; for <see cref="EligibilityCriterionKind.Sex"/>, administrative-gender codes; empty for <see cref="EligibilityCriterionKind.Age"/>.</param>
public sealed record EligibilityCriterion(EligibilityCriterionKind Kind, IReadOnlyList<EligibilityCode> Codes)
{
    /// <summary>Whether this is an exclusion (the patient must not meet it).</summary>
    public bool Exclude { get; init; }

    /// <summary>The value range: an observation's quantity, or the age in years (unit <c>a</c>); <see langword="null"/> for any value.</summary>
    public EligibilityRange? Range { get; init; }

    /// <summary>How far back records count; <see langword="null"/> for any time (conditions: active now).</summary>
    public EligibilityLookback? Lookback { get; init; }

    /// <summary>Text for people, e.g. "HbA1c above 7 % within the last 12 months".</summary>
    public string? Description { get; init; }

    /// <summary>An active condition with one of the codes.</summary>
    /// <param name="codes">The condition codes.</param>
    /// <returns>The criterion.</returns>
    public static EligibilityCriterion HasCondition(params EligibilityCode[] codes) => new(EligibilityCriterionKind.Condition, codes);

    /// <summary>An observation with one of the codes, optionally with its value in <paramref name="range"/> and within <paramref name="lookback"/>.</summary>
    /// <param name="code">The observation code (e.g. LOINC <c>4548-4</c>, HbA1c).</param>
    /// <param name="range">The value range, or <see langword="null"/> for any value.</param>
    /// <param name="lookback">The time window, or <see langword="null"/> for any time.</param>
    /// <returns>The criterion.</returns>
    public static EligibilityCriterion HasObservation(EligibilityCode code, EligibilityRange? range = null, EligibilityLookback? lookback = null) =>
        new(EligibilityCriterionKind.Observation, [code]) { Range = range, Lookback = lookback };

    /// <summary>A medication with one of the codes, optionally within <paramref name="lookback"/>.</summary>
    /// <param name="lookback">The time window, or <see langword="null"/> for any time.</param>
    /// <param name="codes">The medication codes (e.g. RxNorm).</param>
    /// <returns>The criterion.</returns>
    public static EligibilityCriterion HasMedication(EligibilityLookback? lookback, params EligibilityCode[] codes) =>
        new(EligibilityCriterionKind.Medication, codes) { Lookback = lookback };

    /// <summary>Age in whole years from <paramref name="minYears"/> to <paramref name="maxYears"/>, both inclusive.</summary>
    /// <param name="minYears">The lowest age.</param>
    /// <param name="maxYears">The highest age.</param>
    /// <returns>The criterion.</returns>
    public static EligibilityCriterion AgeBetween(int minYears, int maxYears) =>
        new(EligibilityCriterionKind.Age, []) { Range = EligibilityRange.Between(minYears, maxYears, "a") };

    /// <summary>Administrative gender is one of <paramref name="genders"/> (<c>male</c>, <c>female</c>, <c>other</c>, <c>unknown</c>).</summary>
    /// <param name="genders">The genders.</param>
    /// <returns>The criterion.</returns>
    public static EligibilityCriterion SexIs(params string[] genders) =>
        new(EligibilityCriterionKind.Sex, [.. genders.Select(g => new EligibilityCode(EligibilityCode.AdministrativeGender, g))]);

    /// <summary>This criterion as an exclusion.</summary>
    /// <returns>A copy with <see cref="Exclude"/> set.</returns>
    public EligibilityCriterion Excluding() => this with { Exclude = true };

    /// <summary>This criterion with a description.</summary>
    /// <param name="description">Text for people.</param>
    /// <returns>A copy with <see cref="Description"/> set.</returns>
    public EligibilityCriterion Described(string description) => this with { Description = description };

    /// <summary>Writes the criterion for people.</summary>
    /// <returns>The description, or a generated one.</returns>
    public override string ToString() => Description ?? string.Join(' ', new[]
    {
        Exclude ? "exclude" : "include",
        Kind.ToString().ToLowerInvariant(),
        Codes.Count > 0 ? string.Join(" or ", Codes) : null,
        Range?.ToString(),
        Lookback is { } l ? $"within {l}" : null,
    }.Where(s => s is not null));
}
