namespace MediBloc.Sdk;

/// <summary>The chain failed or rejected the operation: a node that is down or timed out (code <see cref="MediBlocErrorCode.NodeUnavailable"/>), a reverted transaction (code <see cref="MediBlocErrorCode.TransactionReverted"/>, with the decoded custom error), or a rejected send.</summary>
public class ChainException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ChainException() : this("A chain operation failed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    public ChainException(string message) : this(message, MediBlocErrorCode.ChainError) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public ChainException(string message, Exception? innerException) : this(message, MediBlocErrorCode.ChainError, innerException) { }

    /// <summary>Creates the exception with a specific code.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="code">The machine-readable error code.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public ChainException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

    /// <summary>The RPC endpoint that failed, when there is one.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The name of the decoded Solidity custom error (for example <c>AlreadyAnchored</c>), or the revert reason string.</summary>
    public string? RevertError { get; init; }

    /// <summary>The decoded arguments of the custom error, in declaration order, when they could be decoded.</summary>
    public IReadOnlyList<object?> RevertArguments { get; init; } = Array.Empty<object?>();
}
