using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;
namespace MediBloc.Sdk.Recovery;

/// <summary>
/// What a guardian hands to the recovering device (as a message, a QR code, a file): where the guardian put its share,
/// re-sealed to the device's key, and the backup manifest, re-wrapped for the device. Holds no secret — only the device's
/// key opens either object — so it may travel over any channel.
/// </summary>
/// <param name="PatientAddress">The patient whose key the share belongs to.</param>
/// <param name="GuardianAddress">The guardian who released it.</param>
/// <param name="ManifestCid">The backup manifest, re-wrapped for the device (same commitment as the anchored one).</param>
/// <param name="ShareCid">The share, sealed to the device's public key.</param>
public sealed record KeyShareRelease(EvmAddress PatientAddress, EvmAddress GuardianAddress, ContentId ManifestCid, ContentId ShareCid);
