using System.ComponentModel;

namespace MediBloc.Sdk;

/// <summary>Names the check that failed in an <see cref="IntegrityException"/>. An extensible enum.</summary>
public readonly struct IntegrityCheck : IEquatable<IntegrityCheck>
{
    private readonly string? _value;

    /// <summary>Creates a check name.</summary>
    /// <param name="value">The name.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public IntegrityCheck(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>The bytes do not hash to the content identifier they were requested by.</summary>
    public static IntegrityCheck Cid { get; } = new("Cid");
    /// <summary>An AEAD authentication tag did not verify: the ciphertext or its header was altered.</summary>
    public static IntegrityCheck Tag { get; } = new("Tag");
    /// <summary>The recomputed salted commitment does not match the expected (anchored) one.</summary>
    public static IntegrityCheck Commitment { get; } = new("Commitment");
    /// <summary>The data key does not match the envelope's key commitment.</summary>
    public static IntegrityCheck KeyCommitment { get; } = new("KeyCommitment");
    /// <summary>The structure is truncated or malformed (an envelope, a segment stream).</summary>
    public static IntegrityCheck Format { get; } = new("Format");
    /// <summary>A signature did not verify.</summary>
    public static IntegrityCheck Signature { get; } = new("Signature");
    /// <summary>The record's anchor on the chain does not match (owner, CID or missing anchor).</summary>
    public static IntegrityCheck Anchor { get; } = new("Anchor");
    /// <summary>A batch-anchored record's inclusion proof does not lead from its leaf to a root anchored on chain, or no batch lists it.</summary>
    public static IntegrityCheck BatchProof { get; } = new("BatchProof");

    /// <summary>Compares two checks.</summary>
    public static bool operator ==(IntegrityCheck left, IntegrityCheck right) => left.Equals(right);
    /// <summary>Compares two checks.</summary>
    public static bool operator !=(IntegrityCheck left, IntegrityCheck right) => !left.Equals(right);
    /// <summary>Converts a string to a check name.</summary>
    public static implicit operator IntegrityCheck(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(IntegrityCheck other) => string.Equals(_value, other._value, StringComparison.Ordinal);
    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is IntegrityCheck other && Equals(other);
    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);
    /// <inheritdoc />
    public override string ToString() => _value ?? "Unknown";
}
