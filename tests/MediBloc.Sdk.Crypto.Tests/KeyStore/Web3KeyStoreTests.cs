using System.Text.Json.Nodes;
using MediBloc.Sdk.Crypto;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Model;

namespace MediBloc.Sdk.Crypto.Tests.KeyStore;

/// <summary>Keystore v3: the Web3 Secret Storage Definition's published test vectors (password "testpassword") and
/// interoperability with Nethereum.KeyStore in both directions.</summary>
public class Web3KeyStoreTests
{
    private const string SpecPrivateKey = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

    private const string SpecPbkdf2 = """
        {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
        "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
        "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
        "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
        """;

    private const string SpecScrypt = """
        {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
        "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
        "kdfparams":{"dklen":32,"n":262144,"p":8,"r":1,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
        "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
        """;

    private static readonly KeyStoreOptions FastScrypt = new() { ScryptN = 1024 };
    private static readonly KeyStoreOptions FastPbkdf2 = new() { Kdf = KeyStoreKdf.Pbkdf2, Pbkdf2Iterations = 1000 };

    [Fact]
    public void The_specification_PBKDF2_vector_decrypts_to_its_key_through_its_published_derived_key()
    {
        Assert.Equal("f06d69cdc7da0faffb1008270bca38f5e31891a3a773950e6d0fea48a7188551",
            Convert.ToHexStringLower(Web3KeyStore.Pbkdf2("testpassword", Convert.FromHexString("ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"), 262144)));
        using var key = Web3KeyStore.Decrypt(SpecPbkdf2, "testpassword");
        Assert.Equal(SpecPrivateKey, Convert.ToHexStringLower(key.ExportPrivateKey()));
    }

    [Fact]
    public void The_specification_scrypt_vector_decrypts_to_its_key()
    {
        // The MAC check proves the second half of the published derived key (…bb5cc242…), the decrypted key the first.
        using var key = Web3KeyStore.Decrypt(SpecScrypt, "testpassword");
        Assert.Equal(SpecPrivateKey, Convert.ToHexStringLower(key.ExportPrivateKey()));
    }

    [Fact]
    public void A_wrong_password_throws_MediBlocException_WrongPassword()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var json = Web3KeyStore.Encrypt(key, "correct horse", FastScrypt);
        var error = Assert.Throws<MediBlocException>(() => Web3KeyStore.Decrypt(json, "battery staple"));
        Assert.Equal(MediBlocErrorCode.WrongPassword, error.Code);
        Assert.DoesNotContain("correct horse", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("battery staple", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyStoreKdf.Scrypt)]
    [InlineData(KeyStoreKdf.Pbkdf2)]
    public void Our_keystores_open_in_Nethereum_and_name_the_key_address(KeyStoreKdf kdf)
    {
        using var key = Secp256k1PrivateKey.Generate();
        var json = Web3KeyStore.Encrypt(key, "pässwörd 🔑", kdf == KeyStoreKdf.Scrypt ? FastScrypt : FastPbkdf2);
        var service = new KeyStoreService();
        Assert.Equal(key.ExportPrivateKey(), service.DecryptKeyStoreFromJson("pässwörd 🔑", json));
        Assert.Equal(key.Address.ToString(), "0x" + service.GetAddressFromKeyStore(json), ignoreCase: true);
        Assert.Equal(key.Address, Web3KeyStore.ReadAddress(json));
    }

    [Fact]
    public void Nethereum_scrypt_keystores_open_here()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var json = new KeyStoreScryptService().EncryptAndGenerateKeyStoreAsJson(
            "pässwörd", key.ExportPrivateKey(), key.Address.ToString(), new ScryptParams { Dklen = 32, N = 1024, R = 8, P = 1 });
        using var opened = Web3KeyStore.Decrypt(json, "pässwörd");
        Assert.Equal(key.Address, opened.Address);
    }

    [Fact]
    public void Nethereum_pbkdf2_keystores_open_here()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var json = new KeyStorePbkdf2Service().EncryptAndGenerateKeyStoreAsJson(
            "pässwörd", key.ExportPrivateKey(), key.Address.ToString(), new Pbkdf2Params { Dklen = 32, Count = 1000, Prf = "hmac-sha256" });
        using var opened = Web3KeyStore.Decrypt(json, "pässwörd");
        Assert.Equal(key.Address, opened.Address);
    }

    [Fact]
    public void Encrypt_writes_a_version_3_document_with_fresh_salt_iv_and_id()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var a = JsonNode.Parse(Web3KeyStore.Encrypt(key, "pw", FastScrypt))!;
        var b = JsonNode.Parse(Web3KeyStore.Encrypt(key, "pw", FastScrypt))!;
        Assert.Equal(3, (int)a["version"]!);
        Assert.Equal(1024, (int)a["crypto"]!["kdfparams"]!["n"]!);
        Assert.NotEqual((string)a["crypto"]!["kdfparams"]!["salt"]!, (string)b["crypto"]!["kdfparams"]!["salt"]!);
        Assert.NotEqual((string)a["crypto"]!["cipherparams"]!["iv"]!, (string)b["crypto"]!["cipherparams"]!["iv"]!);
        Assert.NotEqual((string)a["id"]!, (string)b["id"]!);
    }

    [Theory]
    [InlineData("\"n\":262144", "\"n\":262145")]
    [InlineData("\"n\":262144", "\"n\":2097152")]
    [InlineData("\"p\":8", "\"p\":1000")]
    [InlineData("\"r\":1", "\"r\":8")] // each field in bounds, 256 MiB, but N·r·p = 2^24: over the work cap
    [InlineData("\"r\":1", "\"r\":0")]
    [InlineData("\"p\":8", "\"p\":0")]
    [InlineData("\"n\":262144", "\"n\":0")]
    [InlineData("\"n\":262144", "\"n\":-262144")]
    [InlineData("\"r\":1", "\"r\":99999999999")]
    [InlineData("\"r\":1", "\"r\":1.5")]
    [InlineData("\"dklen\":32", "\"dklen\":16")]
    [InlineData("\"kdf\":\"scrypt\"", "\"kdf\":\"argon2\"")]
    [InlineData("\"cipher\":\"aes-128-ctr\"", "\"cipher\":\"aes-128-cbc\"")]
    [InlineData("\"version\":3", "\"version\":1")]
    [InlineData("\"iv\":\"83dbcc02d8ccb40e466191a123791e0e\"", "\"iv\":\"83dbcc\"")]
    [InlineData("\"mac\":\"", "\"mac\":\"zz")]
    public void Files_outside_the_documented_bounds_throw_InvalidFormatException_before_any_KDF_runs(string from, string to)
    {
        var json = SpecScrypt.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(SpecScrypt, json);
        Assert.Throws<InvalidFormatException>(() => Web3KeyStore.Decrypt(json, "testpassword"));
    }

    [Fact]
    public void A_PBKDF2_file_with_too_many_iterations_throws_InvalidFormatException() =>
        Assert.Throws<InvalidFormatException>(() => Web3KeyStore.Decrypt(SpecPbkdf2.Replace("\"c\":262144", "\"c\":2000000000", StringComparison.Ordinal), "testpassword"));

    [Fact]
    public void A_file_whose_address_does_not_match_its_key_throws_IntegrityException()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var node = JsonNode.Parse(Web3KeyStore.Encrypt(key, "pw", FastPbkdf2))!;
        node["address"] = "0000000000000000000000000000000000000001";
        Assert.Throws<IntegrityException>(() => Web3KeyStore.Decrypt(node.ToJsonString(), "pw"));
    }
}

public class ScryptKdfTests
{
    [Theory]
    [InlineData(16, 1, 1)]
    [InlineData(1024, 1, 2)]
    [InlineData(1024, 8, 1)]
    [InlineData(4096, 2, 3)]
    public void The_path_for_r_1_and_large_N_computes_the_same_scrypt_as_the_public_BouncyCastle_API(int n, int r, int p)
    {
        var password = "password"u8.ToArray();
        var salt = "NaCl"u8.ToArray();
        Assert.Equal(
            Org.BouncyCastle.Crypto.Generators.SCrypt.Generate(password, salt, n, r, p, 64),
            MediBloc.Sdk.Crypto.Internal.ScryptKdf.DeriveUnchecked(password, salt, n, r, p, 64));
    }

    [Fact]
    public void The_RFC_7914_vector_with_N_1024_r_8_p_16_matches()
    {
        var derived = MediBloc.Sdk.Crypto.Internal.ScryptKdf.Derive("password"u8.ToArray(), "NaCl"u8.ToArray(), 1024, 8, 16, 64);
        Assert.Equal(
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
            Convert.ToHexStringLower(derived));
    }
}

public class KeyStoreOptionsTests
{
    [Fact]
    public void Encrypt_refuses_scrypt_parameters_it_could_not_read_back()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var options = new KeyStoreOptions { ScryptN = Web3KeyStore.MaxScryptN, ScryptR = 16 };
        Assert.Throws<ArgumentOutOfRangeException>(() => Web3KeyStore.Encrypt(key, "pw", options));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1 << 21)]
    public void ScryptN_must_be_a_power_of_two_in_range(int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyStoreOptions { ScryptN = n });
}
