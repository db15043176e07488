using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Wycheproof;

public class AesGcmVectorTests
{
    /// <summary>
    /// Every AES-GCM vector with a 96-bit IV and a 128-bit tag (the only parameters our formats use) gives its expected
    /// result: AES-256 ones through <see cref="AesGcmAead"/> (nonce ‖ ciphertext ‖ tag), AES-128/192 ones through the
    /// platform AES-GCM our primitives are built on. Vectors with other IV sizes are not applicable: .NET's AesGcm and
    /// our wire formats accept only 96-bit nonces. The copied file has 316 vectors: 197 with a 96-bit IV (67 AES-128,
    /// 64 AES-192, 66 AES-256) and 119 with IVs of 0 to 2056 bits, which are not applicable.
    /// </summary>
    [Fact]
    public void Every_vector_with_a_96_bit_iv_gives_its_expected_result()
    {
        using var document = WycheproofFile.Load("aes_gcm_test.json");
        var failures = new List<int>();
        var notApplicable = new List<int>();
        var applicable = 0;
        foreach (var (group, test) in WycheproofFile.Tests(document))
        {
            if (group.GetProperty("ivSize").GetInt32() != 96)
            {
                notApplicable.Add(test.Id());
                continue;
            }

            applicable++;
            var key = test.Hex("key");
            var iv = test.Hex("iv");
            var aad = test.Hex("aad");
            var msg = test.Hex("msg");
            byte[] expected = [.. iv, .. test.Hex("ct"), .. test.Hex("tag")];
            var valid = test.Result() == "valid";
            if (!(key.Length == AesGcmAead.KeySize ? CheckOurs(key, iv, aad, msg, expected, valid) : CheckPlatform(key, iv, aad, msg, expected, valid)))
            {
                failures.Add(test.Id());
            }
        }

        Assert.Empty(failures);
        Assert.Equal(WycheproofFile.NumberOfTests(document), applicable + notApplicable.Count);
        Assert.Equal(197, applicable);
        Assert.Equal(119, notApplicable.Count);
    }

    private static bool CheckOurs(byte[] key, byte[] iv, byte[] aad, byte[] msg, byte[] expected, bool valid)
    {
        using var aead = AesGcmAead.Import(key);
        try
        {
            var opened = aead.Open(expected, aad);
            return valid && opened.AsSpan().SequenceEqual(msg) && aead.SealWithNonce(iv, msg, aad).AsSpan().SequenceEqual(expected);
        }
        catch (IntegrityException)
        {
            return !valid;
        }
    }

    private static bool CheckPlatform(byte[] key, byte[] iv, byte[] aad, byte[] msg, byte[] expected, bool valid)
    {
        using var aes = new AesGcm(key, 16);
        var ciphertext = expected.AsSpan(12, expected.Length - 28);
        var tag = expected.AsSpan(expected.Length - 16);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            aes.Decrypt(iv, ciphertext, tag, plaintext, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            return !valid;
        }

        var sealedBytes = new byte[ciphertext.Length + 16];
        aes.Encrypt(iv, msg, sealedBytes.AsSpan(0, msg.Length), sealedBytes.AsSpan(msg.Length), aad);
        return valid && plaintext.AsSpan().SequenceEqual(msg) && sealedBytes.AsSpan().SequenceEqual(expected.AsSpan(12));
    }
}
