namespace MediBloc.Sdk.Sharing;

/// <summary>What happened to a patient's data.</summary>
public enum AuditEntryKind
{
    /// <summary>A grant went into force.</summary>
    Granted = 0,

    /// <summary>A grant was revoked.</summary>
    Revoked = 1,

    /// <summary>A record was read (an audited open).</summary>
    Read = 2,

    /// <summary>An emergency provider broke the glass to open the vital-info profile.</summary>
    BreakTheGlass = 3,

    /// <summary>I gave a provider a write grant (the subject is the grant id).</summary>
    WriteGranted = 4,

    /// <summary>A provider wrote a record into my record under my write grant (the subject is the record's commitment).</summary>
    Authored = 5,
}
