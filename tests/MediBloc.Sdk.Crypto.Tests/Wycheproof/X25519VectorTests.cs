using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Wycheproof;

public class X25519VectorTests
{
    /// <summary>
    /// Every Wycheproof X25519 vector: valid ones must give the expected shared secret. The "acceptable" ones are
    /// twist points, non-canonical encodings and low-order points: RFC 7748 computes all of them, and so do we,
    /// except that a low-order public key (flag ZeroSharedSecret) is refused, both by
    /// <see cref="X25519PublicKey.Import"/> and by the agreement itself.
    /// </summary>
    [Fact]
    public void Every_X25519_vector_gives_its_expected_result_and_zero_shared_secrets_are_refused()
    {
        using var document = WycheproofFile.Load("x25519_test.json");
        var failures = new List<int>();
        var count = 0;
        var refused = 0;
        foreach (var (_, test) in WycheproofFile.Tests(document))
        {
            count++;
            var zeroShared = test.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "ZeroSharedSecret");
            using var key = X25519PrivateKey.Import(test.Hex("private"));
            var shared = X25519KeyWrap.SharedSecret(key, test.Hex("public"));
            var imported = Record.Exception(() => X25519PublicKey.Import(test.Hex("public")));
            var ok = zeroShared
                ? shared is null && imported is InvalidFormatException && test.Hex("shared").All(b => b == 0)
                : shared is not null && shared.AsSpan().SequenceEqual(test.Hex("shared")) && imported is null && test.Result() != "invalid";
            refused += zeroShared ? 1 : 0;
            if (!ok)
            {
                failures.Add(test.Id());
            }
        }

        Assert.Empty(failures);
        Assert.Equal(WycheproofFile.NumberOfTests(document), count);
        Assert.Equal(31, refused);
    }
}
