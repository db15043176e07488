namespace MediBloc.Sdk.Recovery;

/// <summary>The codes and integrity checks of the failures key backup and recovery raise.</summary>
public static class KeyRecoveryCodes
{
    /// <summary>The patient has anchored no key backup (a <see cref="NotFoundException"/>).</summary>
    public static MediBlocErrorCode NoBackup { get; } = new("NoBackup");

    /// <summary>Fewer valid shares than the backup's threshold were given (a <see cref="KeyRecoveryException"/>): ask more guardians.</summary>
    public static MediBlocErrorCode NotEnoughShares { get; } = new("NotEnoughShares");

    /// <summary>A share or manifest comes from an older backup that a newer one superseded (a <see cref="KeyRecoveryException"/>): ask the guardian to release again.</summary>
    public static MediBlocErrorCode BackupSuperseded { get; } = new("BackupSuperseded");

    /// <summary>The account is not a guardian of the patient's current backup (an <see cref="AccessDeniedException"/>).</summary>
    public static MediBlocErrorCode NotAGuardian { get; } = new("NotAGuardian");

    /// <summary>A released share does not match the digest the patient anchored for that guardian: it was altered, or belongs to another guardian or backup.</summary>
    public static IntegrityCheck Share { get; } = new("KeyShare");

    /// <summary>The shares recombine to a key whose address is not the patient's.</summary>
    public static IntegrityCheck RecoveredAddress { get; } = new("RecoveredAddress");
}
