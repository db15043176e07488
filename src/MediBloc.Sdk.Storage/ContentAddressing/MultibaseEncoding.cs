namespace MediBloc.Sdk.Storage;

/// <summary>The multibase encodings this library writes (and reads) for content identifiers.</summary>
public enum MultibaseEncoding
{
    /// <summary>Bitcoin base58, prefix <c>z</c>; CIDv0 uses it without the prefix.</summary>
    Base58Btc = 0,

    /// <summary>RFC 4648 base32, lower case, no padding, prefix <c>b</c>: the default text form of CIDv1.</summary>
    Base32 = 1,
}
