namespace MediBloc.Sdk.Recovery;

/// <summary>
/// Recovery cannot go on yet, but nothing was tampered with: too few guardians have released their shares
/// (<see cref="KeyRecoveryCodes.NotEnoughShares"/>), or a share comes from a superseded backup
/// (<see cref="KeyRecoveryCodes.BackupSuperseded"/>). Ask more guardians, or ask one to release again.
/// </summary>
public class KeyRecoveryException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public KeyRecoveryException() : this("The key cannot be recovered from the shares given.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    public KeyRecoveryException(string message) : this(message, KeyRecoveryCodes.NotEnoughShares) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public KeyRecoveryException(string message, Exception? innerException) : this(message, KeyRecoveryCodes.NotEnoughShares, innerException) { }

    /// <summary>Creates the exception with a code.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="code">The machine-readable code (see <see cref="KeyRecoveryCodes"/>).</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public KeyRecoveryException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

    /// <summary>How many shares the backup needs (0 when unknown).</summary>
    public int SharesNeeded { get; init; }

    /// <summary>How many valid shares of the current backup were given.</summary>
    public int SharesGiven { get; init; }
}
