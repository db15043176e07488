using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Wycheproof;

public class EcdsaVectorTests
{
    [Fact]
    public void Every_DER_vector_gives_its_expected_result_with_strict_decoding()
    {
        var (failures, count, total) = Run("ecdsa_secp256k1_sha256_test.json", b => EcdsaSignature.FromDer(b), requireLowS: false);
        Assert.Empty(failures);
        Assert.Equal(total, count);
    }

    [Fact]
    public void Every_P1363_vector_gives_its_expected_result()
    {
        var (failures, count, total) = Run("ecdsa_secp256k1_sha256_p1363_test.json", b => EcdsaSignature.FromP1363(b), requireLowS: false);
        Assert.Empty(failures);
        Assert.Equal(total, count);
    }

    [Fact]
    public void Every_bitcoin_vector_gives_its_expected_result_when_low_S_is_required()
    {
        var (failures, count, total) = Run("ecdsa_secp256k1_sha256_bitcoin_test.json", b => EcdsaSignature.FromDer(b), requireLowS: true);
        Assert.Empty(failures);
        Assert.Equal(total, count);
    }

    [Fact]
    public void The_DER_signature_the_platform_accepts_but_is_not_DER_is_rejected()
    {
        using var document = WycheproofFile.Load("ecdsa_secp256k1_sha256_test.json");
        var test = WycheproofFile.Tests(document).Single(t => t.Test.Id() == 6).Test;
        Assert.Equal("invalid", test.Result());
        Assert.Throws<InvalidFormatException>(() => EcdsaSignature.FromDer(test.Hex("sig")));
    }

    private static (List<int> Failures, int Count, int Total) Run(string file, Func<byte[], EcdsaSignature> decode, bool requireLowS)
    {
        using var document = WycheproofFile.Load(file);
        var failures = new List<int>();
        var count = 0;
        foreach (var (group, test) in WycheproofFile.Tests(document))
        {
            count++;
            var key = Secp256k1PublicKey.Import(group.GetProperty("publicKey").Hex("uncompressed"));
            var hash = SHA256.HashData(test.Hex("msg"));
            bool accepted;
            try
            {
                var signature = decode(test.Hex("sig"));
                accepted = Secp256k1Ecdsa.VerifyHash(hash, signature, key) && (!requireLowS || signature.IsLowS);
            }
            catch (InvalidFormatException)
            {
                accepted = false;
            }

            if (accepted != (test.Result() == "valid"))
            {
                failures.Add(test.Id());
            }
        }

        return (failures, count, WycheproofFile.NumberOfTests(document));
    }
}
