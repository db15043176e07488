namespace MediBloc.Sdk.Fhir;

/// <summary>What an eligibility criterion looks at in the patient's records.</summary>
public enum EligibilityCriterionKind
{
    /// <summary>A <c>Condition</c> with one of the codes, active (not abated, not resolved) at the evaluation time; with a lookback, recorded or begun within it.</summary>
    Condition,

    /// <summary>An <c>Observation</c> with one of the codes (final, amended or corrected), effective within the lookback, whose quantity is within the range (when one is given, in the same UCUM unit).</summary>
    Observation,

    /// <summary>A <c>MedicationRequest</c> or <c>MedicationStatement</c> with one of the codes, active or completed, authored or asserted within the lookback.</summary>
    Medication,

    /// <summary>The patient's age in whole years at the evaluation time (from <c>Patient.birthDate</c>), within the range.</summary>
    Age,

    /// <summary>The patient's administrative gender (<c>Patient.gender</c>) is one of the codes.</summary>
    Sex,
}
