namespace MediBloc.Sdk.Contracts.Studies;

/// <summary>The state of one anonymous interest (one study-interest key) in a study.</summary>
public enum StudyInterestStatus
{
    /// <summary>This key never signalled interest.</summary>
    None = 0,

    /// <summary>The interest counts.</summary>
    Interested = 1,

    /// <summary>The interest was taken back (final for this key).</summary>
    Withdrawn = 2,
}
