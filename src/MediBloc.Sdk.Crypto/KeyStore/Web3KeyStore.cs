using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MediBloc.Sdk.Crypto.Internal;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// Web3 Secret Storage v3 keystore files (the JSON format of geth, MetaMask exports, MyEtherWallet and Nethereum):
/// the private key encrypted with AES-128-CTR under a key derived from a password with scrypt or PBKDF2-HMAC-SHA256,
/// and a Keccak-256 MAC that is checked before anything is decrypted.
/// </summary>
/// <remarks>Reading is strict and bounded, since keystore files come from outside: the KDF parameters must stay within
/// <see cref="MaxScryptMemory"/>, <see cref="MaxScryptP"/>, <see cref="MaxScryptWork"/> and <see cref="MaxPbkdf2Iterations"/>, the derived key is
/// 32 bytes, the IV 16 bytes and the ciphertext exactly one 32-byte key. Passwords are encoded as UTF-8.</remarks>
public static class Web3KeyStore
{
    /// <summary>The largest scrypt N read or written (2^20).</summary>
    public const int MaxScryptN = 1 << 20;

    /// <summary>The largest scrypt p read or written.</summary>
    public const int MaxScryptP = 16;

    /// <summary>The most memory scrypt may need (128 · N · r bytes) for a file to be read: 1 GiB.</summary>
    public const long MaxScryptMemory = 1L << 30;

    /// <summary>
    /// The most scrypt work (N · r · p) a file may ask for to be read: 2^23, four times geth's standard parameters
    /// (2^18 · 8 · 1). Each field within its own bound could still multiply to minutes of CPU per attempt.
    /// </summary>
    public const long MaxScryptWork = 1L << 23;

    /// <summary>The largest PBKDF2 iteration count read or written.</summary>
    public const int MaxPbkdf2Iterations = 10_000_000;

    /// <summary>The largest keystore file read, in UTF-8 bytes.</summary>
    public const int MaxFileSize = 64 * 1024;

    private const int DerivedKeyLength = 32;

    /// <summary>Encrypts a private key into a keystore v3 JSON document.</summary>
    /// <param name="key">The key to store.</param>
    /// <param name="password">The password; not empty.</param>
    /// <param name="options">The KDF and its cost; geth's standard scrypt parameters when null.</param>
    /// <returns>The keystore JSON, with the lower-case hex address and a random version-4 UUID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="password"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="password"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scrypt parameters need more than <see cref="MaxScryptMemory"/> bytes.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="key"/> was disposed.</exception>
    public static string Encrypt(Secp256k1PrivateKey key, string password, KeyStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(password);
        options ??= new KeyStoreOptions();
        if (options.Kdf == KeyStoreKdf.Scrypt && (long)options.ScryptN * options.ScryptR * options.ScryptP > MaxScryptWork)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "scrypt N · r · p exceeds 2^23; such a keystore could not be read back.");
        }
        if (options.Kdf == KeyStoreKdf.Scrypt && 128L * options.ScryptN * options.ScryptR > MaxScryptMemory)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "scrypt N · r · 128 exceeds 1 GiB; such a keystore could not be read back.");
        }

        var salt = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        var kdfParams = options.Kdf == KeyStoreKdf.Scrypt
            ? new JsonObject { ["dklen"] = DerivedKeyLength, ["n"] = options.ScryptN, ["p"] = options.ScryptP, ["r"] = options.ScryptR, ["salt"] = HexOutput.Encode(salt) }
            : new JsonObject { ["c"] = options.Pbkdf2Iterations, ["dklen"] = DerivedKeyLength, ["prf"] = "hmac-sha256", ["salt"] = HexOutput.Encode(salt) };
        var derived = options.Kdf == KeyStoreKdf.Scrypt
            ? Scrypt(password, salt, options.ScryptN, options.ScryptR, options.ScryptP)
            : Pbkdf2(password, salt, options.Pbkdf2Iterations);
        var secret = key.ExportPrivateKey();
        try
        {
            var ciphertext = AesCtr(derived.AsSpan(0, 16), iv, secret);
            var mac = Mac(derived, ciphertext);
            var document = new JsonObject
            {
                ["address"] = HexOutput.Encode(key.Address.ToBytes()),
                ["crypto"] = new JsonObject
                {
                    ["cipher"] = "aes-128-ctr",
                    ["cipherparams"] = new JsonObject { ["iv"] = HexOutput.Encode(iv) },
                    ["ciphertext"] = HexOutput.Encode(ciphertext),
                    ["kdf"] = options.Kdf == KeyStoreKdf.Scrypt ? "scrypt" : "pbkdf2",
                    ["kdfparams"] = kdfParams,
                    ["mac"] = HexOutput.Encode(mac),
                },
                ["id"] = Guid.NewGuid().ToString(),
                ["version"] = 3,
            };
            return document.ToJsonString();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>Decrypts a keystore v3 JSON document.</summary>
    /// <param name="json">The keystore JSON.</param>
    /// <param name="password">The password.</param>
    /// <returns>The private key; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="password"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The document is not a keystore v3 file this SDK reads, or its KDF parameters exceed the documented bounds.</exception>
    /// <exception cref="MediBlocException">The MAC does not match (code <see cref="MediBlocErrorCode.WrongPassword"/>): the password is wrong, or the file was altered.</exception>
    /// <exception cref="IntegrityException">The password is right but the decrypted key is not a valid secp256k1 key, or it does not match the file's address (<see cref="IntegrityCheck.Format"/>).</exception>
    public static Secp256k1PrivateKey Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        var file = KeyStoreFile.Parse(json);
        var derived = file.Kdf == KeyStoreKdf.Scrypt
            ? Scrypt(password, file.Salt, file.ScryptN, file.ScryptR, file.ScryptP)
            : Pbkdf2(password, file.Salt, file.Iterations);
        byte[]? secret = null;
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Mac(derived, file.Ciphertext), file.Mac))
            {
                throw new MediBlocException("The keystore password is wrong (or the keystore file was altered).", MediBlocErrorCode.WrongPassword);
            }

            secret = AesCtr(derived.AsSpan(0, 16), file.Iv, file.Ciphertext);
            Secp256k1PrivateKey key;
            try
            {
                key = Secp256k1PrivateKey.Import(secret);
            }
            catch (InvalidFormatException ex)
            {
                throw new IntegrityException("The keystore decrypts to bytes that are not a secp256k1 private key.", IntegrityCheck.Format, ex);
            }

            if (file.Address is { } address && address != key.Address)
            {
                key.Dispose();
                throw new IntegrityException("The keystore's key does not belong to the address the file names.", IntegrityCheck.Format);
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
            if (secret is not null)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    /// <summary>Reads the address a keystore file names, without the password.</summary>
    /// <param name="json">The keystore JSON.</param>
    /// <returns>The address, or null when the file names none (the field is optional).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The document is not a keystore v3 file this SDK reads.</exception>
    public static EvmAddress? ReadAddress(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return KeyStoreFile.Parse(json).Address;
    }

    internal static byte[] Scrypt(string password, byte[] salt, int n, int r, int p) =>
        ScryptKdf.Derive(Encoding.UTF8.GetBytes(password), salt, n, r, p, DerivedKeyLength);

    internal static byte[] Pbkdf2(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, DerivedKeyLength);

    private static byte[] Mac(byte[] derived, byte[] ciphertext) => Keccak256.Hash([.. derived.AsSpan(16, 16), .. ciphertext]);

    private static byte[] AesCtr(ReadOnlySpan<byte> key, byte[] iv, byte[] input)
    {
        var cipher = new BufferedBlockCipher(new SicBlockCipher(new AesEngine()));
        cipher.Init(true, new ParametersWithIV(new KeyParameter(key), iv));
        return cipher.DoFinal(input);
    }
}
