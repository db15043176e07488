using System.Reflection;
using System.Text;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Hygiene;

/// <summary>Key material is zeroed on dispose and never appears in <c>ToString()</c> or exception messages.</summary>
public class KeyMaterialHygieneTests
{
    [Fact]
    public void AesGcmAead_zeroes_its_key_on_dispose_and_ToString_names_only_the_algorithm()
    {
        var aead = AesGcmAead.Generate();
        var key = PrivateBytes(aead, "_key");
        Assert.Contains(key, b => b != 0);
        Assert.DoesNotContain(Convert.ToHexString(key), aead.ToString(), StringComparison.OrdinalIgnoreCase);
        aead.Dispose();
        Assert.All(key, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => aead.ExportKey());
    }

    [Fact]
    public void Envelope_data_key_and_derived_keys_are_zeroed_on_dispose()
    {
        var keys = EnvelopeKeys.Generate();
        var dataKey = PrivateBytes(keys, "_dataKey");
        var payloadKey = keys.PayloadKey;
        var recipientsKey = keys.RecipientsKey;
        keys.Dispose();
        Assert.All(dataKey, b => Assert.Equal(0, b));
        Assert.All(payloadKey, b => Assert.Equal(0, b));
        Assert.All(recipientsKey, b => Assert.Equal(0, b));
    }

    [Fact]
    public void X25519_private_keys_are_zeroed_on_dispose_including_derived_and_ephemeral_ones()
    {
        using var account = Secp256k1PrivateKey.Generate();
        foreach (var key in new[] { X25519PrivateKey.Generate(), X25519PrivateKey.DeriveFrom(account) })
        {
            var secret = PrivateBytes(key, "_k");
            Assert.Contains(secret, b => b != 0);
            Assert.DoesNotContain(Convert.ToHexString(secret), key.ToString(), StringComparison.OrdinalIgnoreCase);
            key.Dispose();
            Assert.All(secret, b => Assert.Equal(0, b));
        }

        using var keys = EnvelopeKeys.Generate();
        using var recipient = X25519PrivateKey.Generate();
        var ephemeral = keys.DeriveEphemeral(recipient.PublicKey);
        var ephemeralSecret = PrivateBytes(ephemeral, "_k");
        ephemeral.Dispose();
        Assert.All(ephemeralSecret, b => Assert.Equal(0, b));
    }

    [Fact]
    public void KeyShare_zeroes_its_value_on_dispose()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var share = GuardianShares.Split(key, 2, 2)[0];
        var value = PrivateBytes(share, "_value");
        Assert.Contains(value, b => b != 0);
        share.Dispose();
        Assert.All(value, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Private_key_ToString_and_exception_messages_never_show_the_key_password_or_plaintext()
    {
        using var key = Secp256k1PrivateKey.Generate();
        using var stranger = Secp256k1PrivateKey.Generate();
        var keyHex = Convert.ToHexString(key.ExportPrivateKey());
        Assert.DoesNotContain(keyHex, key.ToString(), StringComparison.OrdinalIgnoreCase);

        const string secretText = "HIV status: positive";
        var envelope = RecordEnvelope.Seal(Encoding.UTF8.GetBytes(secretText), "text/plain", [key.PublicKey]).Envelope.ToArray();
        var messages = new List<string>
        {
            Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(envelope, stranger)).Message,
        };
        envelope[^1] ^= 1;
        messages.Add(Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(envelope, key)).Message);
        var keystore = Web3KeyStore.Encrypt(key, "hunter2-password", new KeyStoreOptions { ScryptN = 1024 });
        messages.Add(Assert.Throws<MediBlocException>(() => Web3KeyStore.Decrypt(keystore, "wrong-password")).Message);
        messages.Add(Assert.Throws<InvalidFormatException>(() => Secp256k1PrivateKey.Import(new byte[32])).Message);

        foreach (var message in messages)
        {
            Assert.DoesNotContain(keyHex, message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("positive", message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-password", message, StringComparison.Ordinal);
        }
    }

    private static byte[] PrivateBytes(object owner, string field) =>
        (byte[])owner.GetType().GetField(field, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(owner)!;
}
