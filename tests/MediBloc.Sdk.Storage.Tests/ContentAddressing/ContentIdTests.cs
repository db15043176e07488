namespace MediBloc.Sdk.Storage.Tests.ContentAddressing;

public class ContentIdTests
{
    // The empty file as `ipfs add` names it (Kubo and js-ipfs), and its CIDv1 as Debian's ipfs_cid prints it.
    private const string EmptyV0 = "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH";
    private const string EmptyV1 = "bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y";

    [Fact]
    public void Parse_reads_a_CIDv0_and_formats_it_back()
    {
        var cid = ContentId.Parse(EmptyV0);
        Assert.Equal(0, cid.Version);
        Assert.Equal(ContentCodec.DagPb, cid.Codec);
        Assert.Equal(Multihash.Sha2_256Code, cid.Multihash.Code);
        Assert.Equal(34, cid.ToBytes().Length);
        Assert.Equal(EmptyV0, cid.ToString());
    }

    [Fact]
    public void ToV1_gives_the_base32_CIDv1_of_the_same_node()
    {
        var v1 = ContentId.Parse(EmptyV0).ToV1();
        Assert.Equal(EmptyV1, v1.ToString());
        Assert.Equal(v1, ContentId.Parse(EmptyV1));
        Assert.Equal(ContentId.Parse(EmptyV0).Multihash, v1.Multihash);
        Assert.NotEqual(ContentId.Parse(EmptyV0), v1);
    }

    [Fact]
    public void A_CIDv1_in_base58btc_or_base16_equals_its_base32_form()
    {
        var cid = ContentId.Parse("bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm");
        Assert.Equal(ContentCodec.Raw, cid.Codec);
        Assert.Equal(cid, ContentId.Parse(cid.ToString(MultibaseEncoding.Base58Btc)));
        Assert.Equal(cid, ContentId.Parse("f" + Convert.ToHexString(cid.ToBytes()).ToLowerInvariant()));
        Assert.Equal(cid, ContentId.Parse(cid.ToString().ToUpperInvariant()));
        Assert.Equal(cid, ContentId.FromBytes(cid.ToBytes()));
        Assert.StartsWith("z", cid.ToString(MultibaseEncoding.Base58Btc), StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_CIDs_hash_alike_and_work_as_dictionary_keys()
    {
        var a = ContentId.Parse(EmptyV1);
        var b = ContentId.Parse(ContentId.Parse(EmptyV1).ToString(MultibaseEncoding.Base58Btc));
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        var set = new HashSet<ContentId> { a, b };
        Assert.Single(set);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQ0", "not base58btc")]
    [InlineData("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1Aw", "prefix 'Q'")]
    [InlineData("f01701220" + "00000000000000000000000000000000000000000000000000000000000000", "digest is truncated")]
    [InlineData("bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4", "malformed final character")]
    [InlineData("bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4yaa", "unexpected bytes")]
    [InlineData("bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb!y", "not base32")]
    [InlineData("xafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y", "prefix 'x'")]
    [InlineData("f0270122000", "version 2")]
    [InlineData("f01701320" + "0000000000000000000000000000000000000000000000000000000000000000", "0x13 is not supported")]
    [InlineData("f1220" + "0000000000000000000000000000000000000000000000000000000000000000", "bare multihash")]
    public void Parse_throws_InvalidFormatException_naming_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<InvalidFormatException>(() => ContentId.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(ContentId.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_of_null_is_false_and_Parse_of_null_throws_ArgumentNullException()
    {
        Assert.False(ContentId.TryParse(null, out var cid));
        Assert.True(cid.IsEmpty);
        Assert.Throws<ArgumentNullException>(() => ContentId.Parse(null!));
    }

    [Fact]
    public void A_CIDv0_must_be_dag_pb_over_sha2_256()
    {
        Assert.Throws<InvalidFormatException>(() => new ContentId(0, ContentCodec.Raw, Multihash.Sha2_256([])));
        Assert.Throws<InvalidFormatException>(() => new ContentId(0, ContentCodec.DagPb, Multihash.Identity([])));
        Assert.Throws<InvalidFormatException>(() => new ContentId(2, ContentCodec.DagPb, Multihash.Sha2_256([])));
    }

    [Fact]
    public void CID_text_longer_than_the_cap_is_refused_before_decoding()
    {
        // A stranger can anchor any string as a CID: a megabyte of base58 would cost every reader seconds of
        // quadratic decoding; the cap refuses it by its length alone, and the message does not echo it.
        var huge = "z" + new string('2', 1_000_000);
        var error = Assert.Throws<InvalidFormatException>(() => ContentId.Parse(huge));
        Assert.Contains($"at most {ContentId.MaxTextLength}", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, error.Message);
        Assert.Null(error.Cid);
        Assert.False(ContentId.TryParse(huge, out _));

        // The longest real CID text (base16 CIDv1, 73 characters) is under the cap and still parses.
        var v1 = ContentId.Parse("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG").ToV1();
        var base16 = "f" + Convert.ToHexString(v1.ToBytes()).ToLowerInvariant();
        Assert.Equal(73, base16.Length);
        Assert.Equal(v1, ContentId.Parse(base16));
        Assert.False(ContentId.TryParse(base16 + new string('0', ContentId.MaxTextLength - base16.Length + 1), out _));
    }

    [Fact]
    public void The_empty_CID_is_refused_as_text_and_as_bytes()
    {
        // Found by fuzzing (fuzz/regressions/cid-text): "baeaaaaa" is CIDv1, codec 0, an empty identity multihash;
        // it parsed to the value of an unset ContentId, whose text is "", which does not parse back.
        Assert.False(ContentId.TryParse("baeaaaaa", out _));
        Assert.Throws<InvalidFormatException>(() => ContentId.Parse("baeaaaaa"));
        Assert.Throws<InvalidFormatException>(() => ContentId.FromBytes([0x01, 0x00, 0x00, 0x00]));
        Assert.True(ContentId.TryParse("bafkqaaa", out var identityRaw));
        Assert.Equal("bafkqaaa", identityRaw.ToString(MultibaseEncoding.Base32));
    }
}
