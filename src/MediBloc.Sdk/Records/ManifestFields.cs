using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

/// <summary>Checks of the fields of manifests read from the content store (share and batch manifests alike).</summary>
internal static class ManifestFields
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    /// <summary>Whether <paramref name="value"/> is <c>0x</c> and <paramref name="bytes"/> bytes of hex.</summary>
    public static bool IsHex(string? value, int bytes) =>
        value is not null && value.Length == 2 + (bytes * 2) && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && value.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    /// <summary>
    /// An address field of a manifest (text on the wire), read once: <c>0x</c> and 40 hex digits in any case, as
    /// manifests have always been checked; <see langword="null"/> when it is not one.
    /// </summary>
    public static EvmAddress? Address(string? value) =>
        IsHex(value, EvmAddress.Length) ? new EvmAddress(Convert.FromHexString(value.AsSpan(2))) : null;

    /// <summary>Whether <paramref name="value"/> is 1 to <paramref name="maxLength"/> printable ASCII characters.</summary>
    public static bool IsPrintable(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Why one listed record is invalid (commitment, CID, content type), or null.</summary>
    public static string? CheckRecord(Commitment? commitment, string? cid, string? contentType)
    {
        if (commitment is not { } c || !c.AsSpan().ContainsAnyExcept((byte)0))
        {
            return "its commitment is missing or zero.";
        }
        if (!ContentId.TryParse(cid, out _))
        {
            return "its CID is missing or not a CID.";
        }
        if (!IsPrintable(contentType, RecordEnvelope.MaxContentTypeLength))
        {
            return "its content type is missing, too long or not printable ASCII.";
        }
        return null;
    }
}
