using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;

namespace MediBloc.Sdk.Records;

/// <summary>The private key behind a signer, for the operations that cannot work through signatures alone.</summary>
internal static class SignerKeys
{
    /// <summary>
    /// The signer's private key, for key agreement (opening sealed records, re-sealing them to others) and for keys
    /// derived from it; only a <see cref="LocalKeySigner"/> has one.
    /// </summary>
    /// <exception cref="AccessDeniedException">The signer holds no key (code <see cref="MediBlocErrorCode.KeyAgreementUnavailable"/>).</exception>
    public static Secp256k1PrivateKey OpeningKey(this MediBlocSigner signer) =>
        signer is LocalKeySigner local
            ? local.Key
            : throw new AccessDeniedException(
                $"This operation needs the private key of {signer.Address} for key agreement or key derivation (opening or re-sealing a record, research index keys, key backup); the account signs through {signer.GetType().Name}, which does not expose it. Use a LocalKeySigner or KeyStoreSigner for this account.",
                MediBlocErrorCode.KeyAgreementUnavailable);
}
