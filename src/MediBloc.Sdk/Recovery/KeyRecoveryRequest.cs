using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Recovery;

/// <summary>
/// A new device's request to a guardian: "release your share of <see cref="PatientAddress"/>'s key to
/// <see cref="DevicePublicKey"/>". Create it with <see cref="KeyRecoveryClient.CreateRequest"/> and send it to each
/// guardian; before releasing, the guardian checks that <see cref="VerificationCode"/> matches the code the patient reads
/// from the new device over a channel the guardian trusts (in person, a call), so that nobody substitutes their own key.
/// </summary>
public sealed record KeyRecoveryRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="patientAddress">The address whose key is being recovered.</param>
    /// <param name="devicePublicKey">The new device's public key; the share is re-sealed to it.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="patientAddress"/> is not an EVM address.</exception>
    public KeyRecoveryRequest(string patientAddress, Secp256k1PublicKey devicePublicKey)
    {
        ArgumentNullException.ThrowIfNull(patientAddress);
        ArgumentNullException.ThrowIfNull(devicePublicKey);
        PatientAddress = EvmAddress.Parse(patientAddress).ToString();
        DevicePublicKey = devicePublicKey;
        var digest = Sha256Hash.Hash([.. "MediBloc key recovery v1\0"u8, .. EvmAddress.Parse(patientAddress).ToBytes(), .. devicePublicKey.ToCompressed()]);
        var number = ((uint)digest[0] << 24 | (uint)digest[1] << 16 | (uint)digest[2] << 8 | digest[3]) % 100_000_000;
        VerificationCode = $"{number / 10_000:D4}-{number % 10_000:D4}";
    }

    /// <summary>The address whose key is being recovered.</summary>
    public string PatientAddress { get; }

    /// <summary>The new device's public key.</summary>
    public Secp256k1PublicKey DevicePublicKey { get; }

    /// <summary>
    /// Eight digits (<c>1234-5678</c>) derived from the patient's address and the device's public key: the new device
    /// shows them, the guardian's app shows them for the request it received; they match only for the same key.
    /// </summary>
    public string VerificationCode { get; }
}
