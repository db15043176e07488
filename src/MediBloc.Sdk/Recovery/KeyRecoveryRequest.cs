using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Recovery;

/// <summary>
/// A new device's request to a guardian: "release your share of <see cref="PatientAddress"/>'s key to
/// <see cref="DevicePublicKey"/>". Create it with <see cref="MediBloc.Sdk.Roles.KeyRecovery.KeyRecoveryClient.CreateRequest"/> and send it to each
/// guardian; before releasing, the guardian checks that <see cref="VerificationCode"/> matches the code the patient reads
/// from the new device over a channel the guardian trusts (in person, a call), so that nobody substitutes their own key.
/// </summary>
public sealed record KeyRecoveryRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="patientAddress">The address whose key is being recovered.</param>
    /// <param name="devicePublicKey">The new device's public key; the share is re-sealed to it.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public KeyRecoveryRequest(EvmAddress patientAddress, Secp256k1PublicKey devicePublicKey)
    {
        ArgumentNullException.ThrowIfNull(devicePublicKey);
        PatientAddress = patientAddress;
        DevicePublicKey = devicePublicKey;
        var digest = Sha256Hash.Hash([.. "MediBloc key recovery v1\0"u8, .. patientAddress.ToBytes(), .. devicePublicKey.ToCompressed()]);
        var number = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest) % 10_000_000_000_000_000UL;
        var digits = number.ToString("D16", System.Globalization.CultureInfo.InvariantCulture);
        VerificationCode = $"{digits[..4]}-{digits[4..8]}-{digits[8..12]}-{digits[12..]}";
    }

    /// <summary>The address whose key is being recovered.</summary>
    public EvmAddress PatientAddress { get; }

    /// <summary>The new device's public key.</summary>
    public Secp256k1PublicKey DevicePublicKey { get; }

    /// <summary>
    /// Sixteen digits (<c>1234-5678-9012-3456</c>) derived from the patient's address and the device's public key: the new
    /// device shows them, the guardian's app shows them for the request it received; they match only for the same key.
    /// Compare all of them: finding another key with the same code takes about 10¹⁶ tries.
    /// </summary>
    public string VerificationCode { get; }
}
