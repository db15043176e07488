using CsCheck;
using MediBloc.Sdk.Crypto;
using Nethereum.Signer;

namespace MediBloc.Sdk.Crypto.Tests.Properties;

/// <summary>
/// The signer computes the recovery id from R.y instead of trying recoveries; over random keys and hashes it must
/// give exactly Nethereum's <see cref="EthECKey.SignAndCalculateV"/> signature (RFC 6979 is deterministic), recover
/// the signer, and be low-S.
/// </summary>
public class SigningPropertyTests
{
    private static readonly Gen<byte[]> Scalars = Gen.Byte.Array[32].Where(d => d.Any(b => b != 0) && d[0] < 0xFF);

    [Fact]
    public void SignHash_equals_Nethereum_SignAndCalculateV_for_random_keys_and_hashes()
    {
        Gen.Select(Scalars, Gen.Byte.Array[32]).Sample((scalar, hash) =>
        {
            using var key = Secp256k1PrivateKey.Import(scalar);
            var ours = Secp256k1Ecdsa.SignHash(hash, key);
            var theirs = new EthECKey(scalar, true).SignAndCalculateV(hash);
            Assert.Equal(EthECDSASignature.CreateStringSignature(theirs), ours.ToString());
            Assert.True(ours.IsLowS);
            Assert.Equal(key.PublicKey, Secp256k1Ecdsa.RecoverPublicKey(hash, ours));
        }, iter: 300);
    }
}
