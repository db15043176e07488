namespace MediBloc.Sdk;

/// <summary>Storing an object would exceed the owner's storage quota. Buy more storage or delete local objects.</summary>
public class QuotaExceededException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public QuotaExceededException() : this("The storage quota would be exceeded.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    public QuotaExceededException(string message) : this(message, MediBlocErrorCode.QuotaExceeded) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public QuotaExceededException(string message, Exception? innerException) : this(message, MediBlocErrorCode.QuotaExceeded, innerException) { }

    /// <summary>Creates the exception with a specific code.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="code">The machine-readable error code.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public QuotaExceededException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

}
