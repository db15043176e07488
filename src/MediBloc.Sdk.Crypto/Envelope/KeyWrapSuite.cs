namespace MediBloc.Sdk.Crypto;

/// <summary>How an envelope wraps its data key for each recipient (byte 6 of the envelope header). All recipients of one envelope use the same suite.</summary>
public enum KeyWrapSuite
{
    /// <summary>ECIES on secp256k1 (<see cref="EciesKeyWrap"/>): recipients are account keys. The default.</summary>
    EciesSecp256k1 = 1,

    /// <summary>ECIES on X25519 (<see cref="X25519KeyWrap"/>): recipients are X25519 keys, usually derived from account keys.</summary>
    EciesX25519 = 2,
}
