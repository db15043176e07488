using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;

namespace MediBloc.Sdk.Crypto.Tests.Signers;

public class SignerTests
{
    private const string TypedData = """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"}],
        "Mail":[{"name":"contents","type":"string"}]},"primaryType":"Mail",
        "domain":{"name":"Test","chainId":1},"message":{"contents":"hello"}}
        """;

    /// <summary>An external signer: the key stays inside the delegate, the base class only sees signatures.</summary>
    private sealed class DelegateSigner(Secp256k1PublicKey publicKey, Func<byte[], EcdsaSignature> sign) : MediBlocSigner
    {
        public override Secp256k1PublicKey PublicKey => publicKey;

        public override ValueTask<EcdsaSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(sign(digest.ToArray()));
    }

    [Fact]
    public async Task An_external_signer_signs_typed_data_and_transactions_like_the_local_signer()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var local = new LocalKeySigner(key);
        var external = new DelegateSigner(key.PublicKey, digest => Secp256k1Ecdsa.SignHash(digest, key));
        Assert.Equal(key.Address, external.Address);
        Assert.Equal(await local.SignTypedDataAsync(TypedData), await external.SignTypedDataAsync(TypedData));
        Assert.Equal(Eip712.Sign(TypedData, key), await external.SignTypedDataAsync(TypedData));
        var transaction = new EvmTransaction { ChainId = 1, Nonce = 0, GasLimit = 21_000, To = key.Address, MaxFeePerGas = 10, MaxPriorityFeePerGas = 1 };
        Assert.Equal(await local.SignTransactionAsync(transaction), await external.SignTransactionAsync(transaction));
    }

    [Fact]
    public async Task A_signature_by_another_key_is_refused()
    {
        using var key = Secp256k1PrivateKey.Generate();
        using var other = Secp256k1PrivateKey.Generate();
        var lying = new DelegateSigner(key.PublicKey, digest => Secp256k1Ecdsa.SignHash(digest, other));
        var transaction = new EvmTransaction { ChainId = 1, Nonce = 0, GasLimit = 21_000, To = key.Address, MaxFeePerGas = 10, MaxPriorityFeePerGas = 1 };
        var e = await Assert.ThrowsAsync<IntegrityException>(async () => await lying.SignTransactionAsync(transaction));
        Assert.Equal(IntegrityCheck.Signature, e.Check);
        await Assert.ThrowsAsync<IntegrityException>(async () => await lying.SignTypedDataAsync(TypedData));
    }

    [Fact]
    public async Task A_keystore_signer_opens_the_file_with_its_password_and_signs_as_its_key()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var path = Path.Combine(Path.GetTempPath(), $"keystore-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Web3KeyStore.Encrypt(key, "correct horse", new KeyStoreOptions { Kdf = KeyStoreKdf.Pbkdf2, Pbkdf2Iterations = 1024 }));
        try
        {
            using var signer = await KeyStoreSigner.OpenAsync(path, "correct horse");
            Assert.Equal(key.Address, signer.Address);
            var digest = RandomNumberGenerator.GetBytes(32);
            Assert.Equal(Secp256k1Ecdsa.SignHash(digest, key), await signer.SignDigestAsync(digest));
            var wrong = await Assert.ThrowsAnyAsync<MediBlocException>(() => KeyStoreSigner.OpenAsync(path, "wrong"));
            Assert.Equal(MediBlocErrorCode.WrongPassword, wrong.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ToString_shows_the_address_only()
    {
        using var key = Secp256k1PrivateKey.Generate();
        Assert.Equal($"LocalKeySigner({key.Address})", new LocalKeySigner(key).ToString());
    }
}
