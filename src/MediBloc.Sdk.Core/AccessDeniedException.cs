namespace MediBloc.Sdk;

/// <summary>The caller may not do this: a missing grant, credential or role, an expired or revoked grant, or a key that is not one of the envelope's recipients (code <see cref="MediBlocErrorCode.NotARecipient"/>).</summary>
public class AccessDeniedException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public AccessDeniedException() : this("Access was denied.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    public AccessDeniedException(string message) : this(message, MediBlocErrorCode.AccessDenied) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public AccessDeniedException(string message, Exception? innerException) : this(message, MediBlocErrorCode.AccessDenied, innerException) { }

    /// <summary>Creates the exception with a specific code.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="code">The machine-readable error code.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public AccessDeniedException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

}
