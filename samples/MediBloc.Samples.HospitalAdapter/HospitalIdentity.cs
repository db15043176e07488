using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Roles.Provider;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>
/// The hospital's own key, and the only key the adapter ever holds: loaded from an encrypted keystore file (Web3
/// keystore v3, owner-only). Custody: patients keep their keys; they grant the hospital a write consent, and the
/// hospital writes into their records as a certified provider.
/// </summary>
public sealed class HospitalIdentity : IDisposable
{
    private readonly Secp256k1PrivateKey _key;

    private HospitalIdentity(Secp256k1PrivateKey key) => _key = key;

    /// <summary>The hospital's address (the author of every record it writes).</summary>
    public EvmAddress Address => _key.Address;

    /// <summary>The hospital's public key (records it writes are sealed to it as well as to the patient).</summary>
    public Secp256k1PublicKey PublicKey => _key.PublicKey;

    /// <summary>Creates a new hospital key and writes it, encrypted with <paramref name="password"/>, to an owner-only file.</summary>
    /// <param name="path">The keystore file; must not exist.</param>
    /// <param name="password">The keystore password.</param>
    /// <param name="options">The key-derivation cost (the default is the keystore default).</param>
    /// <returns>The identity.</returns>
    /// <exception cref="IOException">The file exists.</exception>
    public static HospitalIdentity Create(string path, string password, KeyStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var key = Secp256k1PrivateKey.Generate();
        var json = Web3KeyStore.Encrypt(key, password, options);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(path, System.Text.Encoding.UTF8, fileOptions))
        {
            writer.Write(json);
        }
        return new HospitalIdentity(key);
    }

    /// <summary>Loads the hospital key from its keystore file, refusing a file that others can read or write.</summary>
    /// <param name="path">The keystore file.</param>
    /// <param name="password">The keystore password.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="UnauthorizedAccessException">The file is readable or writable by group or others (make it 0600).</exception>
    /// <exception cref="MediBlocException">The password is wrong or the file is not a keystore.</exception>
    public static HospitalIdentity Load(string path, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
        {
            throw new UnauthorizedAccessException($"The keystore '{path}' is accessible to other users; make it owner-only (chmod 600).");
        }
        return new HospitalIdentity(Web3KeyStore.Decrypt(File.ReadAllText(path), password));
    }

    /// <summary>
    /// The hospital as a provider on <paramref name="client"/>. The one place the key meets a role client: switching to
    /// a signer (an HSM or a remote wallet) changes this line only.
    /// </summary>
    /// <param name="client">The configured client.</param>
    /// <returns>The provider client.</returns>
    public ProviderClient AsProvider(MediBlocClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetProviderClient(_key);
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
