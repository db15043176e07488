using System.Security.Cryptography;
using System.Text;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// The values derived from an envelope's data key (DEK) with HKDF-Expand-SHA256 (the DEK is 32 uniformly random
/// bytes, so it serves directly as the pseudorandom key of RFC 5869 §2.3).
/// </summary>
internal sealed class EnvelopeKeys : IDisposable
{
    internal const int DataKeySize = 32;

    private static readonly byte[] KeyCommitmentLabel = Encoding.ASCII.GetBytes("MediBloc envelope v1 key commitment");
    private static readonly byte[] PayloadLabel = Encoding.ASCII.GetBytes("MediBloc envelope v1 payload key");
    private static readonly byte[] RecipientsLabel = Encoding.ASCII.GetBytes("MediBloc envelope v1 recipients key");
    private static readonly byte[] SaltLabel = Encoding.ASCII.GetBytes("MediBloc envelope v1 commitment salt");
    private static readonly byte[] EphemeralLabel = Encoding.ASCII.GetBytes("MediBloc envelope v1 ephemeral key");
    private static readonly byte[] X25519EphemeralLabel = Encoding.ASCII.GetBytes("MediBloc envelope v1 X25519 ephemeral key");

    private readonly byte[] _dataKey = GC.AllocateArray<byte>(DataKeySize, pinned: true);

    internal EnvelopeKeys(ReadOnlySpan<byte> dataKey)
    {
        dataKey.CopyTo(_dataKey);
        KeyCommitment = Expand(KeyCommitmentLabel, 32);
        PayloadKey = Expand(PayloadLabel, 32);
        RecipientsKey = Expand(RecipientsLabel, 32);
        CommitmentSalt = Expand(SaltLabel, SaltedCommitment.SaltSize);
    }

    internal ReadOnlySpan<byte> DataKey => _dataKey;

    /// <summary>Commits to the DEK: checked before anything is decrypted, because AES-GCM alone is not key-committing.</summary>
    internal byte[] KeyCommitment { get; }

    /// <summary>The AES-256-GCM key of the payload segments.</summary>
    internal byte[] PayloadKey { get; }

    /// <summary>The HMAC-SHA256 key that authenticates the recipients block.</summary>
    internal byte[] RecipientsKey { get; }

    /// <summary>The commitment salt: secret to everyone who cannot open the envelope.</summary>
    internal byte[] CommitmentSalt { get; }

    internal static EnvelopeKeys Generate()
    {
        Span<byte> dek = stackalloc byte[DataKeySize];
        RandomNumberGenerator.Fill(dek);
        try
        {
            return new EnvelopeKeys(dek);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dek);
        }
    }

    /// <summary>
    /// The ephemeral key of a recipient's wrap, derived from the DEK and the recipient's public key. Whoever holds
    /// the DEK can recompute a recipient's entry (to skip duplicates or to remove it); nobody else can link an
    /// entry to a key.
    /// </summary>
    internal Secp256k1PrivateKey DeriveEphemeral(Secp256k1PublicKey recipient)
    {
        Span<byte> info = stackalloc byte[EphemeralLabel.Length + 33 + 1];
        EphemeralLabel.CopyTo(info);
        recipient.CompressedSpan.CopyTo(info[EphemeralLabel.Length..]);
        Span<byte> scalar = stackalloc byte[32];
        try
        {
            for (byte counter = 0; ; counter++)
            {
                info[^1] = counter;
                HKDF.Expand(HashAlgorithmName.SHA256, _dataKey, scalar, info);
                if (Internal.Secp256k1Curve.IsValidScalar(scalar))
                {
                    return Secp256k1PrivateKey.Import(scalar);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <summary>The X25519 ephemeral key of a recipient's wrap, derived as for secp256k1 recipients (every 32-byte string is an X25519 key).</summary>
    internal X25519PrivateKey DeriveEphemeral(X25519PublicKey recipient)
    {
        Span<byte> info = stackalloc byte[X25519EphemeralLabel.Length + X25519PublicKey.Length];
        X25519EphemeralLabel.CopyTo(info);
        recipient.Span.CopyTo(info[X25519EphemeralLabel.Length..]);
        Span<byte> scalar = stackalloc byte[X25519PrivateKey.Length];
        try
        {
            HKDF.Expand(HashAlgorithmName.SHA256, _dataKey, scalar, info);
            return X25519PrivateKey.Import(scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_dataKey);
        CryptographicOperations.ZeroMemory(PayloadKey);
        CryptographicOperations.ZeroMemory(RecipientsKey);
    }

    private byte[] Expand(byte[] label, int length)
    {
        var output = new byte[length];
        HKDF.Expand(HashAlgorithmName.SHA256, _dataKey, output, label);
        return output;
    }
}
