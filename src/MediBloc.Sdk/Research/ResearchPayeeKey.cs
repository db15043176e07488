using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Research;

/// <summary>
/// The fresh address a data request pays for one consent: HKDF-SHA256 of the patient's private key, salted with the
/// request id and the entry's handle. Only the patient can derive it (to move the MED later), each consent gets an
/// unrelated one, and nothing on chain ties it to the patient until the patient moves the MED.
/// </summary>
internal static class ResearchPayeeKey
{
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("MediBloc research payee key v1");

    public static Secp256k1PrivateKey Derive(Secp256k1PrivateKey patient, BigInteger requestId, ReadOnlySpan<byte> handle)
    {
        var salt = new byte[64];
        var id = requestId.ToByteArray(isUnsigned: true, isBigEndian: true);
        id.CopyTo(salt.AsSpan(32 - id.Length));
        handle.CopyTo(salt.AsSpan(32));
        return Contracts.SearchIndex.ChildKey.Derive(patient, salt, Info);
    }
}
