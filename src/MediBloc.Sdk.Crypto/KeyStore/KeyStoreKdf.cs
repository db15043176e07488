namespace MediBloc.Sdk.Crypto;

/// <summary>The password-based key derivation function a keystore file uses.</summary>
public enum KeyStoreKdf
{
    /// <summary>scrypt (memory-hard; the default and the recommended choice).</summary>
    Scrypt,

    /// <summary>PBKDF2 with HMAC-SHA256 (for interoperability with tools that lack scrypt).</summary>
    Pbkdf2,
}
