using System.Formats.Asn1;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Wycheproof;

public class EcdhVectorTests
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string Secp256k1Oid = "1.3.132.0.10";

    /// <summary>
    /// Our API takes only raw 33- or 65-byte secp256k1 points. The vectors wrap points in X.509 SubjectPublicKeyInfo;
    /// the test unwraps a point only from a strict-DER SPKI that names secp256k1 by OID. A key with explicit (possibly
    /// bogus) curve parameters or a malformed wrapper therefore cannot reach our API at all and counts as rejected.
    /// Valid vectors must give the expected shared secret, invalid ones must be rejected, and acceptable ones must
    /// either be rejected or give the expected secret.
    /// </summary>
    [Fact]
    public void Every_ECDH_secp256k1_vector_gives_its_expected_result()
    {
        using var document = WycheproofFile.Load("ecdh_secp256k1_test.json");
        var failures = new List<int>();
        var count = 0;
        foreach (var (_, test) in WycheproofFile.Tests(document))
        {
            count++;
            var result = test.Result();
            var shared = TrySharedSecret(test.Hex("public"), test.Hex("private"));
            var ok = result switch
            {
                "valid" => shared is not null && shared.AsSpan().SequenceEqual(test.Hex("shared")),
                "invalid" => shared is null,
                _ => shared is null || shared.AsSpan().SequenceEqual(test.Hex("shared")),
            };
            if (!ok)
            {
                failures.Add(test.Id());
            }
        }

        Assert.Empty(failures);
        Assert.Equal(WycheproofFile.NumberOfTests(document), count);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(505)]
    public void Keys_with_explicit_curve_parameters_and_a_bogus_cofactor_never_reach_our_API(int tcId)
    {
        using var document = WycheproofFile.Load("ecdh_secp256k1_test.json");
        var test = WycheproofFile.Tests(document).Single(t => t.Test.Id() == tcId).Test;
        Assert.Null(TryExtractNamedCurvePoint(test.Hex("public")));
        Assert.Throws<InvalidFormatException>(() => Secp256k1PublicKey.Import(test.Hex("public")));
    }

    private static byte[]? TrySharedSecret(byte[] spki, byte[] privateKey)
    {
        var point = TryExtractNamedCurvePoint(spki);
        if (point is null)
        {
            return null;
        }

        Secp256k1PublicKey publicKey;
        try
        {
            publicKey = Secp256k1PublicKey.Import(point);
        }
        catch (InvalidFormatException)
        {
            return null;
        }

        var scalar = new byte[32];
        var trimmed = privateKey.AsSpan().TrimStart((byte)0);
        trimmed.CopyTo(scalar.AsSpan(32 - trimmed.Length));
        using var key = Secp256k1PrivateKey.Import(scalar);
        return EciesKeyWrap.SharedSecret(key, publicKey);
    }

    private static byte[]? TryExtractNamedCurvePoint(byte[] spki)
    {
        try
        {
            var reader = new AsnReader(spki, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithm = sequence.ReadSequence();
            var point = sequence.ReadBitString(out var unusedBits);
            sequence.ThrowIfNotEmpty();
            if (algorithm.ReadObjectIdentifier() != EcPublicKeyOid || algorithm.ReadObjectIdentifier() != Secp256k1Oid || unusedBits != 0)
            {
                return null;
            }

            algorithm.ThrowIfNotEmpty();
            return point;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
