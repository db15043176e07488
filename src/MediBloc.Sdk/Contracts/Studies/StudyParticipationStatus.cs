namespace MediBloc.Sdk.Contracts.Studies;

/// <summary>A patient's participation in a study, on chain.</summary>
public enum StudyParticipationStatus
{
    /// <summary>The patient never enrolled.</summary>
    None = 0,

    /// <summary>The patient enrolled and has not withdrawn.</summary>
    Enrolled = 1,

    /// <summary>The patient withdrew (final).</summary>
    Withdrawn = 2,
}
