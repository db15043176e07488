namespace MediBloc.Sdk;

/// <summary>
/// The base of every error the MediBloc SDK raises on purpose. Catch it to handle any SDK failure;
/// catch a subclass (<see cref="IntegrityException"/>, <see cref="AccessDeniedException"/>,
/// <see cref="NotFoundException"/>, <see cref="ChainException"/>, <see cref="StorageException"/>,
/// <see cref="QuotaExceededException"/>, <see cref="InvalidFormatException"/>) where you react differently.
/// </summary>
/// <remarks>
/// Messages never carry key material, plaintext or personal health information. Failures of the
/// underlying libraries (HTTP, JSON-RPC, BouncyCastle) are kept as <see cref="Exception.InnerException"/>.
/// </remarks>
public class MediBlocException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public MediBlocException() : this("A MediBloc SDK operation failed.") { }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    public MediBlocException(string message) : this(message, MediBlocErrorCode.Unknown) { }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public MediBlocException(string message, Exception? innerException)
        : this(message, MediBlocErrorCode.Unknown, innerException) { }

    /// <summary>Creates an exception with a message, a code and an optional inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="code">The machine-readable error code.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public MediBlocException(string message, MediBlocErrorCode code, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The machine-readable error code.</summary>
    public MediBlocErrorCode Code { get; }

    /// <summary>The content identifier (CID) involved, when there is one.</summary>
    public string? Cid { get; init; }

    /// <summary>The transaction hash involved, when there is one.</summary>
    public string? TransactionHash { get; init; }
}
