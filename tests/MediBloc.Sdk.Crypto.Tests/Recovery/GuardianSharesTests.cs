using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Recovery;

public sealed class GuardianSharesTests : IDisposable
{
    private readonly Secp256k1PrivateKey _patient = Secp256k1PrivateKey.Generate();

    public void Dispose() => _patient.Dispose();

    [Theory]
    [InlineData(0x57, 0x83, 0xC1)]
    [InlineData(0x57, 0x13, 0xFE)]
    [InlineData(0x01, 0xAB, 0xAB)]
    [InlineData(0x00, 0xAB, 0x00)]
    public void GF256_multiplication_matches_the_FIPS_197_examples(int a, int b, int product) =>
        Assert.Equal((byte)product, Gf256.Multiply((byte)a, (byte)b));

    [Fact]
    public void GF256_inverse_times_the_element_is_one_for_every_nonzero_element()
    {
        for (var a = 1; a < 256; a++)
        {
            Assert.Equal(1, Gf256.Multiply((byte)a, Gf256.Inverse((byte)a)));
        }
    }

    [Fact]
    public void Every_3_of_5_subset_recovers_the_key()
    {
        var shares = GuardianShares.Split(_patient, 3, 5);
        for (var a = 0; a < 5; a++)
        {
            for (var b = a + 1; b < 5; b++)
            {
                for (var c = b + 1; c < 5; c++)
                {
                    using var recovered = GuardianShares.Combine([shares[c], shares[a], shares[b]]);
                    Assert.Equal(_patient.ExportPrivateKey(), recovered.ExportPrivateKey());
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(5, 9)]
    [InlineData(255, 255)]
    public void Threshold_shares_recover_the_key_for_edge_counts(int threshold, int count)
    {
        var shares = GuardianShares.Split(_patient, threshold, count);
        Assert.Equal(count, shares.Count);
        Assert.Equal(Enumerable.Range(1, count), shares.Select(s => s.Index));
        using var recovered = GuardianShares.Combine([.. shares.Reverse().Take(threshold)]);
        Assert.Equal(_patient.Address, recovered.Address);
    }

    [Fact]
    public void Fewer_shares_than_the_threshold_throw_InvalidFormatException_even_with_duplicates()
    {
        var shares = GuardianShares.Split(_patient, 3, 5);
        var error = Assert.Throws<InvalidFormatException>(() => GuardianShares.Combine([shares[0], shares[1], shares[1]]));
        Assert.Contains("3 distinct shares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shares_split_with_fewer_than_threshold_values_do_not_reveal_the_key_byte_for_byte()
    {
        // With threshold 2, one share is the secret plus a uniformly random multiple of its index, byte by byte:
        // across many splits every share byte varies.
        var firstBytes = Enumerable.Range(0, 64).Select(_ =>
        {
            var shares = GuardianShares.Split(_patient, 2, 2);
            return shares[0].ToBytes()[^32];
        }).Distinct().Count();
        Assert.True(firstBytes > 16);
    }

    [Fact]
    public void An_altered_share_throws_IntegrityException()
    {
        var shares = GuardianShares.Split(_patient, 2, 3);
        var bytes = shares[1].ToBytes();
        bytes[^1] ^= 0x01;
        using var altered = KeyShare.FromBytes(bytes);
        var error = Assert.Throws<IntegrityException>(() => GuardianShares.Combine([shares[0], altered]));
        Assert.Equal(IntegrityCheck.Commitment, error.Check);
    }

    [Fact]
    public void Shares_of_different_splits_throw_InvalidFormatException()
    {
        using var other = Secp256k1PrivateKey.Generate();
        var a = GuardianShares.Split(_patient, 2, 3);
        var b = GuardianShares.Split(other, 2, 3);
        Assert.Throws<InvalidFormatException>(() => GuardianShares.Combine([a[0], b[1]]));
    }

    [Fact]
    public void Sealed_shares_open_only_for_their_guardian_and_recover_the_key()
    {
        using var mother = Secp256k1PrivateKey.Generate();
        using var sister = Secp256k1PrivateKey.Generate();
        using var doctor = Secp256k1PrivateKey.Generate();
        var sealedShares = GuardianShares.SplitAndSeal(_patient, 2, [mother.PublicKey, sister.PublicKey, doctor.PublicKey]);
        var denied = Assert.Throws<AccessDeniedException>(() => GuardianShares.Open(sealedShares[0], sister));
        Assert.Equal(MediBlocErrorCode.NotARecipient, denied.Code);

        using var fromMother = GuardianShares.Open(sealedShares[0], mother);
        using var fromDoctor = GuardianShares.Open(sealedShares[2], doctor);
        using var recovered = GuardianShares.Combine([fromDoctor, fromMother]);
        Assert.Equal(_patient.Address, recovered.Address);
    }

    [Fact]
    public void A_share_round_trips_through_its_encoding_and_ToString_hides_the_value()
    {
        var share = GuardianShares.Split(_patient, 2, 3)[2];
        var encoded = share.ToBytes();
        Assert.Equal(KeyShare.EncodedLength, encoded.Length);
        using var decoded = KeyShare.FromBytes(encoded);
        Assert.Equal((share.Threshold, share.Index, share.Address), (decoded.Threshold, decoded.Index, decoded.Address));
        Assert.Equal(encoded, decoded.ToBytes());
        Assert.DoesNotContain(Convert.ToHexString(encoded[^32..]), share.ToString(), StringComparison.OrdinalIgnoreCase);
        share.Dispose();
        Assert.Throws<ObjectDisposedException>(() => share.ToBytes());
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    [InlineData(1, 256)]
    public void Split_rejects_counts_out_of_range(int threshold, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GuardianShares.Split(_patient, threshold, count));
}
