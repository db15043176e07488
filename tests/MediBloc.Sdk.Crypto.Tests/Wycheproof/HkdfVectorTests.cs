using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto.Tests.Wycheproof;

public class HkdfVectorTests
{
    /// <summary>The HKDF-SHA256 our key wrap and envelope derive keys with gives every vector's expected result,
    /// including refusing outputs longer than 255 hash lengths.</summary>
    [Fact]
    public void Every_HKDF_SHA256_vector_gives_its_expected_result()
    {
        using var document = WycheproofFile.Load("hkdf_sha256_test.json");
        var failures = new List<int>();
        var count = 0;
        foreach (var (_, test) in WycheproofFile.Tests(document))
        {
            count++;
            var valid = test.Result() == "valid";
            try
            {
                var okm = HKDF.DeriveKey(HashAlgorithmName.SHA256, test.Hex("ikm"), test.GetProperty("size").GetInt32(), test.Hex("salt"), test.Hex("info"));
                if (!valid || !okm.AsSpan().SequenceEqual(test.Hex("okm")))
                {
                    failures.Add(test.Id());
                }
            }
            catch (ArgumentException)
            {
                if (valid)
                {
                    failures.Add(test.Id());
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(WycheproofFile.NumberOfTests(document), count);
    }
}
