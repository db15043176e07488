using System.ComponentModel;

namespace MediBloc.Sdk;

/// <summary>
/// A machine-readable error code carried by every <see cref="MediBlocException"/>.
/// An extensible enum: new codes may be added in later versions, so compare with the static values
/// and treat unknown codes as their exception type's general case.
/// </summary>
public readonly struct MediBlocErrorCode : IEquatable<MediBlocErrorCode>
{
    private readonly string? _value;

    /// <summary>Creates a code from its string form.</summary>
    /// <param name="value">The code, e.g. <c>"IntegrityCheckFailed"</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public MediBlocErrorCode(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>Something unexpected failed; see the inner exception.</summary>
    public static MediBlocErrorCode Unknown { get; } = new("Unknown");
    /// <summary>Stored or received bytes do not match what they claim to be (CID, AEAD tag, commitment, key commitment).</summary>
    public static MediBlocErrorCode IntegrityCheckFailed { get; } = new("IntegrityCheckFailed");
    /// <summary>An input is not in the expected format (a CID, a key, an envelope, a keystore).</summary>
    public static MediBlocErrorCode InvalidFormat { get; } = new("InvalidFormat");
    /// <summary>The key offered is not one of the envelope's recipients.</summary>
    public static MediBlocErrorCode NotARecipient { get; } = new("NotARecipient");
    /// <summary>The caller lacks a permission, grant or credential that the operation needs.</summary>
    public static MediBlocErrorCode AccessDenied { get; } = new("AccessDenied");
    /// <summary>A keystore password or passphrase is wrong.</summary>
    public static MediBlocErrorCode WrongPassword { get; } = new("WrongPassword");
    /// <summary>A record, object or contract does not exist.</summary>
    public static MediBlocErrorCode NotFound { get; } = new("NotFound");
    /// <summary>The chain rejected or reverted a transaction or call.</summary>
    public static MediBlocErrorCode ChainError { get; } = new("ChainError");
    /// <summary>A transaction reverted; the decoded revert is attached.</summary>
    public static MediBlocErrorCode TransactionReverted { get; } = new("TransactionReverted");
    /// <summary>A node (EVM RPC or IPFS) could not be reached or did not answer in time.</summary>
    public static MediBlocErrorCode NodeUnavailable { get; } = new("NodeUnavailable");
    /// <summary>A content store failed to store or return an object.</summary>
    public static MediBlocErrorCode StorageError { get; } = new("StorageError");
    /// <summary>A storage quota would be exceeded.</summary>
    public static MediBlocErrorCode QuotaExceeded { get; } = new("QuotaExceeded");
    /// <summary>Data from outside (a node's answer, a stored envelope or manifest) is larger than the limit set for it; it was not read further.</summary>
    public static MediBlocErrorCode TooLarge { get; } = new("TooLarge");
    /// <summary>
    /// A folder for private data (the outbox, a replication journal) is not private: it is writable by other users or
    /// belongs to another user, or there is no per-user folder to use by default. The message says how to fix it.
    /// </summary>
    public static MediBlocErrorCode InsecureFolder { get; } = new("InsecureFolder");
    /// <summary>
    /// The operation needs the account's private key for key agreement (opening a sealed record, ECDH), and the
    /// account signs through a signer that does not hold it (a wallet, a hardware key, a remote service).
    /// </summary>
    public static MediBlocErrorCode KeyAgreementUnavailable { get; } = new("KeyAgreementUnavailable");

    /// <summary>Compares two codes.</summary>
    public static bool operator ==(MediBlocErrorCode left, MediBlocErrorCode right) => left.Equals(right);
    /// <summary>Compares two codes.</summary>
    public static bool operator !=(MediBlocErrorCode left, MediBlocErrorCode right) => !left.Equals(right);
    /// <summary>Converts a string to a code.</summary>
    public static implicit operator MediBlocErrorCode(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(MediBlocErrorCode other) => string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);
    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is MediBlocErrorCode other && Equals(other);
    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
    /// <inheritdoc />
    public override string ToString() => _value ?? "Unknown";
}
