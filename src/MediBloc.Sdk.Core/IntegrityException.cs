namespace MediBloc.Sdk;

/// <summary>
/// Bytes did not pass an integrity check: they do not hash to their CID, an authentication tag failed,
/// the recomputed commitment differs from the anchored one, or a structure is truncated. Treat the data
/// as tampered with; nothing of it is returned. <see cref="Check"/> names what failed.
/// </summary>
public class IntegrityException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public IntegrityException() : this("An integrity check failed.", IntegrityCheck.Format) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public IntegrityException(string message) : this(message, IntegrityCheck.Format) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public IntegrityException(string message, Exception? innerException) : this(message, IntegrityCheck.Format, innerException) { }

    /// <summary>Creates the exception naming the failed check.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="check">The check that failed.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public IntegrityException(string message, IntegrityCheck check, Exception? innerException = null)
        : base(message, MediBlocErrorCode.IntegrityCheckFailed, innerException)
    {
        Check = check;
    }

    /// <summary>The check that failed.</summary>
    public IntegrityCheck Check { get; }
}
