using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// One key-release service's share of a vital-info profile's escrow key, sealed to the service and bound to the
/// patient and the profile record, so a service releases it only for that patient's break-the-glass.
/// </summary>
/// <remarks>Sealed plaintext (108 bytes): version 1 (1) ‖ patient address (20) ‖ profile record id (32) ‖
/// <see cref="KeyShare"/> encoding (55). The envelope's AEAD authenticates it: nobody without the service's key can
/// move a share to another patient. One share reveals nothing about the escrow key.</remarks>
public static class ReleaseShares
{
    /// <summary>The content type of a sealed release share.</summary>
    public const string ContentType = "application/vnd.medibloc.release-share";

    private const byte Version = 1;
    private const int PlaintextLength = 1 + EvmAddress.Length + RecordId.Length + KeyShare.EncodedLength;

    /// <summary>Seals a share to a key-release service, bound to the patient and the profile record.</summary>
    /// <param name="share">The share of the profile's escrow key.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="profile">The vital-info profile record.</param>
    /// <param name="service">The service's public key.</param>
    /// <returns>The sealed share (an envelope with content type <see cref="ContentType"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static byte[] Seal(KeyShare share, EvmAddress patient, RecordId profile, Secp256k1PublicKey service)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(service);
        var plaintext = new byte[PlaintextLength];
        var encoded = share.ToBytes();
        try
        {
            plaintext[0] = Version;
            patient.ToBytes().CopyTo(plaintext, 1);
            profile.AsSpan().CopyTo(plaintext.AsSpan(1 + EvmAddress.Length));
            encoded.CopyTo(plaintext, 1 + EvmAddress.Length + RecordId.Length);
            return RecordEnvelope.Seal(plaintext, ContentType, [service]).Envelope.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(encoded);
        }
    }

    /// <summary>Opens a sealed release share with the service's private key.</summary>
    /// <param name="sealedShare">The sealed share.</param>
    /// <param name="serviceKey">The service's private key.</param>
    /// <returns>The share and what it is bound to; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceKey"/> is null.</exception>
    /// <exception cref="AccessDeniedException">The share is not sealed to this key (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">The sealed share was altered or truncated.</exception>
    /// <exception cref="InvalidFormatException">The envelope does not hold a release share.</exception>
    public static ReleaseShare Open(ReadOnlySpan<byte> sealedShare, Secp256k1PrivateKey serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        var opened = RecordEnvelope.Open(sealedShare, serviceKey, RecordEnvelopeOptions.ForUntrusted());
        try
        {
            var plaintext = opened.Plaintext.Span;
            if (opened.ContentType != ContentType || plaintext.Length != PlaintextLength || plaintext[0] != Version)
            {
                throw new InvalidFormatException("The envelope does not hold a version-1 release share.");
            }
            var patient = new EvmAddress(plaintext.Slice(1, EvmAddress.Length));
            var profile = new RecordId(plaintext.Slice(1 + EvmAddress.Length, RecordId.Length));
            var share = KeyShare.FromBytes(plaintext[(1 + EvmAddress.Length + RecordId.Length)..]);
            return new ReleaseShare(patient, profile, share);
        }
        finally
        {
            if (MemoryMarshal.TryGetArray(opened.Plaintext, out var segment) && segment.Array is { } array)
            {
                CryptographicOperations.ZeroMemory(array);
            }
        }
    }
}

/// <summary>An opened release share: the share of the escrow key, and the patient and profile record it is bound to.</summary>
public sealed class ReleaseShare : IDisposable
{
    internal ReleaseShare(EvmAddress patient, RecordId profile, KeyShare share)
    {
        Patient = patient;
        Profile = profile;
        Share = share;
    }

    /// <summary>The patient whose profile this share opens.</summary>
    public EvmAddress Patient { get; }

    /// <summary>The vital-info profile record the escrow key opens.</summary>
    public RecordId Profile { get; }

    /// <summary>The share of the escrow key.</summary>
    public KeyShare Share { get; }

    /// <summary>Zeroes the share.</summary>
    public void Dispose() => Share.Dispose();
}
