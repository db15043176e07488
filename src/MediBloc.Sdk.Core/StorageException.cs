namespace MediBloc.Sdk;

/// <summary>A content store failed: a node that is down or timed out (code <see cref="MediBlocErrorCode.NodeUnavailable"/>), a failed write or an unexpected answer. The endpoint is named when there is one.</summary>
public class StorageException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public StorageException() : this("A content store operation failed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    public StorageException(string message) : this(message, MediBlocErrorCode.StorageError) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public StorageException(string message, Exception? innerException) : this(message, MediBlocErrorCode.StorageError, innerException) { }

    /// <summary>Creates the exception with a specific code.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="code">The machine-readable error code.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public StorageException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

    /// <summary>The endpoint (for example the IPFS RPC URL) that failed, when there is one.</summary>
    public Uri? Endpoint { get; init; }
}
