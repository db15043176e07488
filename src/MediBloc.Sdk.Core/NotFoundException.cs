namespace MediBloc.Sdk;

/// <summary>A record, content object or contract the operation needs does not exist.</summary>
public class NotFoundException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public NotFoundException() : this("The requested item was not found.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    public NotFoundException(string message) : this(message, MediBlocErrorCode.NotFound) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public NotFoundException(string message, Exception? innerException) : this(message, MediBlocErrorCode.NotFound, innerException) { }

    /// <summary>Creates the exception with a specific code.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="code">The machine-readable error code.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public NotFoundException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

}
