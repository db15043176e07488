namespace MediBloc.Sdk;

/// <summary>An input is malformed: a CID, a key, an address, a keystore or an encoded value. Nothing was stored or changed.</summary>
public class InvalidFormatException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidFormatException() : this("The input is malformed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    public InvalidFormatException(string message) : this(message, MediBlocErrorCode.InvalidFormat) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public InvalidFormatException(string message, Exception? innerException) : this(message, MediBlocErrorCode.InvalidFormat, innerException) { }

    /// <summary>Creates the exception with a specific code.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="code">The machine-readable error code.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public InvalidFormatException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

}
