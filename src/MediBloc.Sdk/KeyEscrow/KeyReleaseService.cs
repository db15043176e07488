using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// A key-release service a patient names for the vital-info profile: where it answers (<c>POST {Endpoint}release</c>)
/// and the public key it publishes, to which its share of the profile's key is sealed.
/// </summary>
/// <param name="Endpoint">The service's base URL (absolute, http or https).</param>
/// <param name="PublicKey">The service's published secp256k1 public key.</param>
public sealed record KeyReleaseService(Uri Endpoint, Secp256k1PublicKey PublicKey);
