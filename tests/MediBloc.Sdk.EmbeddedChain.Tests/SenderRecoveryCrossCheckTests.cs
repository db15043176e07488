using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain.Execution;
using Nethereum.Signer;

namespace MediBloc.Sdk.EmbeddedChain.Tests;

/// <summary>The chain's sender recovery (Crypto's <see cref="Secp256k1Ecdsa"/>) against Nethereum's <see cref="EthECKey"/> on random messages.</summary>
public class SenderRecoveryCrossCheckTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 32)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Signatures_made_by_Nethereum_recover_the_address_Nethereum_recovers(int seed)
    {
        var random = new Random(1000 + seed);
        var key = new EthECKey(RandomScalar(random), true);
        var hash = new byte[32];
        random.NextBytes(hash);

        var signature = key.SignAndCalculateV(hash);
        var (address, error) = SenderRecovery.Recover(hash, signature.R, signature.S, signature.V[0] - 27);

        Assert.Null(error);
        Assert.Equal(EthECKey.RecoverFromSignature(signature, hash).GetPublicAddress().ToLowerInvariant(), address);
        Assert.Equal(key.GetPublicAddress().ToLowerInvariant(), address);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Signatures_made_by_Crypto_are_recovered_by_Nethereum_to_the_same_key(int seed)
    {
        var random = new Random(2000 + seed);
        var scalar = RandomScalar(random);
        using var key = Secp256k1PrivateKey.Import(scalar);
        var hash = new byte[32];
        random.NextBytes(hash);

        var rsv = Secp256k1Ecdsa.SignHash(hash, key).ToRsv();
        var nethereum = EthECDSASignatureFactory.FromComponents(rsv[..32], rsv[32..64], rsv[64]);
        var recovered = EthECKey.RecoverFromSignature(nethereum, hash);

        Assert.Equal(new EthECKey(scalar, true).GetPublicAddress(), recovered.GetPublicAddress());
        Assert.Equal(key.PublicKey.Address.ToString(), recovered.GetPublicAddress());
        Assert.Equal(recovered.GetPubKey(false), Secp256k1Ecdsa.RecoverPublicKey(hash, EcdsaSignature.FromRsv(rsv)).ToUncompressed());
    }

    private static byte[] RandomScalar(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        bytes[0] = (byte)(1 + (bytes[0] % 0xFE)); // in [1, n) for every draw: n begins 0xFFFF…
        return bytes;
    }
}
