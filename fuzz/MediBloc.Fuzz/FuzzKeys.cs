using MediBloc.Sdk.Crypto;

namespace MediBloc.Fuzz;

/// <summary>
/// The fixed keys the envelope targets open with and the seed corpus is sealed to, so a seed is an envelope the
/// target can open and a mutation explores the paths after unwrapping too. Test keys only: they are public.
/// </summary>
internal static class FuzzKeys
{
    public static Secp256k1PrivateKey Account { get; } = Secp256k1PrivateKey.Import(Fill(0x11));

    public static X25519PrivateKey Agreement { get; } = X25519PrivateKey.Import(Fill(0x22));

    /// <summary>A second recipient the targets hold no key for.</summary>
    public static Secp256k1PrivateKey Stranger { get; } = Secp256k1PrivateKey.Import(Fill(0x33));

    /// <summary>A second X25519 recipient the targets hold no key for.</summary>
    public static X25519PrivateKey StrangerAgreement { get; } = X25519PrivateKey.Import(Fill(0x44));

    private static byte[] Fill(byte value)
    {
        var key = new byte[32];
        Array.Fill(key, value);
        return key;
    }
}
