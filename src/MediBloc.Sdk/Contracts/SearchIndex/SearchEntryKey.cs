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
    /// <summary>The EIP-712 domain name the SearchIndex contract uses.</summary>
    public const string DomainName = "MediBloc SearchIndex";

    /// <summary>The EIP-712 domain version the SearchIndex contract uses.</summary>
    public const string DomainVersion = "2";

    private static readonly byte[] Info = Encoding.UTF8.GetBytes("MediBloc search index entry key v1");

    /// <summary>Derives the entry key of one of the owner's records.</summary>
    public static Secp256k1PrivateKey Derive(Secp256k1PrivateKey owner, Commitment commitment) =>
        ChildKey.Derive(owner, commitment.AsSpan(), Info);

    /// <summary>The entry's handle: keccak256 of the entry key's 20-byte address.</summary>
    public static byte[] Handle(Secp256k1PrivateKey entryKey) => Keccak256.Hash(entryKey.Address.ToBytes());

    /// <summary>
    /// Signs <c>IndexUpdate(bytes32 handle, uint8 status, uint32 nonce, bytes32 metadataHash)</c> as EIP-712 typed
    /// data for one index deployment; returns r ‖ s ‖ v.
    /// </summary>
    public static byte[] SignUpdate(Secp256k1PrivateKey entryKey, long chainId, string contract, byte[] handle, SearchEntryStatus status, uint nonce, byte[] metadataHash)
    {
        var json = TypedDataJson.Write(DomainName, DomainVersion, chainId, contract, "IndexUpdate",
        [
            new("handle", "bytes32", handle),
            new("status", "uint8", (byte)status),
            new("nonce", "uint32", nonce),
            new("metadataHash", "bytes32", metadataHash),
        ]);
        return Eip712.Sign(json, entryKey).ToRsv();
    }
}
