using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Contracts.SearchIndex;

/// <summary>
/// The per-record key that controls a record's search-index entry: HKDF-SHA256 of the owner's private key, salted
/// with the record's commitment. Only the owner can derive it, each record gets an unrelated one, and its handle
/// (keccak256 of its address) links neither to the owner nor to the record.
/// </summary>
internal static class SearchEntryKey
{
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("MediBloc search index entry key v1");
    private static readonly byte[] DomainTypeHash = Keccak256.Hash(Encoding.UTF8.GetBytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));
    private static readonly byte[] UpdateTypeHash = Keccak256.Hash(Encoding.UTF8.GetBytes("IndexUpdate(bytes32 handle,uint8 status,uint32 nonce,bytes32 metadataHash)"));
    private static readonly byte[] NameHash = Keccak256.Hash(Encoding.UTF8.GetBytes("MediBloc SearchIndex"));
    private static readonly byte[] VersionHash = Keccak256.Hash(Encoding.UTF8.GetBytes("2"));

    /// <summary>Derives the entry key of one of the owner's records.</summary>
    public static Secp256k1PrivateKey Derive(Secp256k1PrivateKey owner, ReadOnlySpan<byte> commitment) =>
        ChildKey.Derive(owner, commitment, Info);

    /// <summary>The entry's handle: keccak256 of the entry key's 20-byte address.</summary>
    public static byte[] Handle(Secp256k1PrivateKey entryKey) => Keccak256.Hash(Convert.FromHexString(entryKey.Address.ToString().AsSpan(2)));

    /// <summary>Signs <c>IndexUpdate(handle, status, nonce, metadataHash)</c> for one index deployment (r ‖ s ‖ v).</summary>
    public static byte[] SignUpdate(Secp256k1PrivateKey entryKey, long chainId, string contract, byte[] handle, SearchEntryStatus status, uint nonce, byte[] metadataHash)
    {
        var domain = Keccak256.Hash([.. DomainTypeHash, .. NameHash, .. VersionHash, .. Word(chainId), .. AddressWord(contract)]);
        var structHash = Keccak256.Hash([.. UpdateTypeHash, .. handle, .. Word((long)status), .. Word(nonce), .. metadataHash]);
        var digest = Keccak256.Hash([0x19, 0x01, .. domain, .. structHash]);
        return Secp256k1Ecdsa.SignHash(digest, entryKey).ToRsv();
    }

    private static byte[] Word(long value)
    {
        var word = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(word.AsSpan(24), value);
        return word;
    }

    private static byte[] AddressWord(string address)
    {
        var word = new byte[32];
        Convert.FromHexString(address.AsSpan(2)).CopyTo(word, 12);
        return word;
    }
}
