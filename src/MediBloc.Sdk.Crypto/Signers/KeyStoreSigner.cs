namespace MediBloc.Sdk.Crypto.Signers;

/// <summary>A local signer whose key is decrypted from a keystore v3 file (Web3 secret storage).</summary>
/// <remarks>The decrypted key lives in this object until <see cref="Dispose"/> zeroes it.</remarks>
public sealed class KeyStoreSigner : LocalKeySigner, IDisposable
{
    private KeyStoreSigner(Secp256k1PrivateKey key)
        : base(key)
    {
    }

    /// <summary>Decrypts a keystore v3 JSON document into a signer.</summary>
    /// <param name="json">The keystore JSON.</param>
    /// <param name="password">The password.</param>
    /// <returns>The signer; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="password"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The document is not a keystore v3 file this SDK reads.</exception>
    /// <exception cref="MediBlocException">The password is wrong (code <see cref="MediBlocErrorCode.WrongPassword"/>).</exception>
    /// <exception cref="IntegrityException">The decrypted key is invalid or does not match the file's address.</exception>
    public static KeyStoreSigner FromJson(string json, string password) => new(Web3KeyStore.Decrypt(json, password));

    /// <summary>Reads and decrypts a keystore v3 file into a signer.</summary>
    /// <param name="path">The keystore file.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The signer; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="password"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidFormatException">The file is not a keystore v3 file this SDK reads.</exception>
    /// <exception cref="MediBlocException">The password is wrong (code <see cref="MediBlocErrorCode.WrongPassword"/>).</exception>
    /// <exception cref="IntegrityException">The decrypted key is invalid or does not match the file's address.</exception>
    public static async Task<KeyStoreSigner> OpenAsync(string path, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(password);
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        // Scrypt takes a while by design: keep it off the caller's thread.
        return await Task.Run(() => FromJson(json, password), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Zeroes the decrypted key.</summary>
    public void Dispose() => Key.Dispose();
}
