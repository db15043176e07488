using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Execution;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;

namespace MediBloc.Sdk.EmbeddedChain.Tests.Execution;

public class SenderRecoveryTests
{
    private const string To = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EIP1559_senders_match_Nethereums_recovery(int seed)
    {
        var key = Key(seed);
        var tx = new Transaction1559(31337, seed, 1_000_000_000, 3_000_000_000, 90_000 + seed, To, seed, "0x" + new string('b', 2 * seed), null);
        var raw = new Transaction1559Signer().SignTransaction(key, tx).EnsureHexPrefix();

        AssertSameSender(raw, key);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EIP155_legacy_senders_match_Nethereums_recovery(int seed)
    {
        var key = Key(seed);
        var raw = new LegacyTransactionSigner().SignTransaction(key.GetPrivateKeyAsBytes(), new BigInteger(31337 + seed), To, seed, seed, 2_000_000_000, 21_000 + seed, "0x" + new string('c', 2 * seed)).EnsureHexPrefix();

        AssertSameSender(raw, key);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Unprotected_legacy_senders_match_Nethereums_recovery(int seed)
    {
        var key = Key(seed);
        var raw = new LegacyTransactionSigner().SignTransaction(key.GetPrivateKeyAsBytes(), To, seed, seed, 2_000_000_000, 21_000, "0x").EnsureHexPrefix();

        AssertSameSender(raw, key);
    }

    [Fact]
    public void Anvils_first_dev_key_recovers_its_well_known_address()
    {
        var chain = new InProcessChain();
        var tx = new Transaction1559(31337, 0, 1, 2_000_000_000, 21_000, To, 1, "0x", null);
        var raw = new Transaction1559Signer().SignTransaction(chain.Accounts[0].PrivateKey, tx).EnsureHexPrefix();

        Assert.Equal("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", RawTransactionDecoder.Decode(raw).Request.From);
    }

    [Fact]
    public void A_high_s_signature_is_rejected_as_EIP2_requires()
    {
        var key = Key(1);
        var tx = new Transaction1559(31337, 0, 1, 2_000_000_000, 21_000, To, 1, "0x", null);
        var signed = (Transaction1559)TransactionFactory.CreateTransaction(new Transaction1559Signer().SignTransaction(key, tx));
        var n = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var highS = (n - new BigInteger(signed.Signature.S, isUnsigned: true, isBigEndian: true)).ToByteArray(isUnsigned: true, isBigEndian: true);

        var (address, error) = SenderRecovery.Recover(signed.RawHash, signed.Signature.R, highS, 1 - (signed.Signature.V is { Length: > 0 } v ? v[0] : 0));

        Assert.Null(address);
        Assert.Contains("low s", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void A_recovery_id_other_than_0_or_1_is_rejected(int recoveryId)
    {
        var (address, error) = SenderRecovery.Recover(new byte[32], [1], [1], recoveryId);

        Assert.Null(address);
        Assert.NotNull(error);
    }

    [Fact]
    public void An_r_that_is_not_on_the_curve_is_rejected_not_thrown()
    {
        // x = 5 is not the x coordinate of a secp256k1 point (5^3 + 7 = 132 is not a square mod p).
        var (address, error) = SenderRecovery.Recover(new byte[32], [5], [1], 0);

        Assert.Null(address);
        Assert.Contains("curve point", error, StringComparison.Ordinal);
    }

    private static EthECKey Key(int seed)
    {
        var bytes = new byte[32];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x11;
        return new EthECKey(bytes, true);
    }

    private static void AssertSameSender(string raw, EthECKey key)
    {
        var expected = TransactionVerificationAndRecovery.GetSenderAddress(TransactionFactory.CreateTransaction(raw.HexToByteArray())).ToLowerInvariant();

        Assert.Equal(key.GetPublicAddress().ToLowerInvariant(), expected);
        Assert.Equal(expected, RawTransactionDecoder.Decode(raw).Request.From);
    }
}
