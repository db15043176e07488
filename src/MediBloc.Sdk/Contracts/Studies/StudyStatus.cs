namespace MediBloc.Sdk.Contracts.Studies;

/// <summary>A study's state on chain.</summary>
public enum StudyStatus
{
    /// <summary>No study has that id.</summary>
    None = 0,

    /// <summary>The study accepts interest and enrolments.</summary>
    Open = 1,

    /// <summary>The researcher closed the study (final): no new interest or enrolments; withdrawals still work.</summary>
    Closed = 2,
}
