using System.Text;
using MediBloc.Sdk.Storage;

namespace MediBloc.Fuzz.Targets;

/// <summary>CIDs and the multiformats under them: text and binary, as found in public events and blocks.</summary>
internal static class ContentAddressingTargets
{
    public static IEnumerable<FuzzTarget> All =>
    [
        new("cid-text", "ContentId.Parse/TryParse over CID text (as read from a public event)", CidText),
        new("cid-binary", "ContentId.FromBytes over binary CIDs (as read from dag-pb links)", CidBinary),
        new("multibase", "Multibase.Decode over multibase text", MultibaseText),
        new("varint", "unsigned varint reading (minimal encoding)", VarintBytes),
        new("multihash", "Multihash.Parse over binary multihashes", MultihashBytes),
        new("dag-pb", "the dag-pb block reader (links and UnixFS file size)", DagPb),
    ];

    private static void CidText(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var parsed = ContentId.TryParse(text, out var cid);
        FuzzTarget.Expect(() =>
        {
            var strict = ContentId.Parse(text);
            FuzzTarget.Check(parsed && strict == cid, "Parse accepted what TryParse refused");
        });
        if (parsed)
        {
            FuzzTarget.Check(ContentId.Parse(cid.ToString()) == cid, "a parsed CID does not round-trip through its text");
            FuzzTarget.Check(ContentId.FromBytes(cid.ToBytes()) == cid, "a parsed CID does not round-trip through its bytes");
        }
    }

    private static void CidBinary(byte[] input) => FuzzTarget.Expect(() =>
    {
        var cid = ContentId.FromBytes(input);
        FuzzTarget.Check(ContentId.FromBytes(cid.ToBytes()) == cid, "a binary CID does not round-trip");
        FuzzTarget.Check(ContentId.Parse(cid.ToString()) == cid, "a binary CID does not round-trip through its text");
    });

    private static void MultibaseText(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        FuzzTarget.Expect(() =>
        {
            var bytes = Multibase.Decode(text);
            if (text.StartsWith('z'))
            {
                FuzzTarget.Check(Multibase.Decode(Multibase.Encode(bytes, MultibaseEncoding.Base58Btc)).AsSpan().SequenceEqual(bytes), "base58btc does not round-trip");
            }
        });
    }

    private static void VarintBytes(byte[] input)
    {
        if (!Varint.TryRead(input, out var value, out var consumed))
        {
            return;
        }
        Span<byte> encoded = stackalloc byte[10];
        var length = Varint.Write(encoded, value);
        FuzzTarget.Check(length == consumed && encoded[..length].SequenceEqual(input.AsSpan(0, consumed)), "an accepted varint is not the minimal encoding of its value");
        FuzzTarget.Check(Varint.GetLength(value) == length, "GetLength disagrees with Write");
    }

    private static void MultihashBytes(byte[] input) => FuzzTarget.Expect(() =>
    {
        var multihash = Multihash.Parse(input);
        FuzzTarget.Check(Multihash.Parse(multihash.ToBytes()) == multihash, "a multihash does not round-trip");
    });

    private static void DagPb(byte[] input) => FuzzTarget.Expect(() =>
    {
        var (links, _) = DagPbReader.Read(input);
        foreach (var link in links)
        {
            FuzzTarget.Check(!link.IsEmpty, "the dag-pb reader returned an empty link");
        }
    });
}
