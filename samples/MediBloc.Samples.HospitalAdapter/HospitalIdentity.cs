using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Roles.Provider;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>
/// The hospital's own signer, and the only key the adapter ever uses: an encrypted keystore file (Web3 keystore v3,
/// owner-only), or any <see cref="MediBlocSigner"/> (an HSM, a cloud KMS, a signing service) through
/// <see cref="FromSigner"/>, in which case the adapter never sees a key at all. Custody: patients keep their keys;
/// they grant the hospital a write consent, and the hospital writes into their records as a certified provider.
/// </summary>
public sealed class HospitalIdentity : IDisposable
{
    private readonly MediBlocSigner _signer;
    private readonly IDisposable? _owned;

    private HospitalIdentity(MediBlocSigner signer, IDisposable? owned)
    {
        _signer = signer;
        _owned = owned;
    }

    /// <summary>The hospital's address (the author of every record it writes).</summary>
    public EvmAddress Address => _signer.Address;

    /// <summary>The hospital's public key (records it writes are sealed to it as well as to the patient).</summary>
    public Secp256k1PublicKey PublicKey => _signer.PublicKey;

    /// <summary>The hospital signing through <paramref name="signer"/>, which the caller keeps and disposes.</summary>
    /// <param name="signer">The hospital's signer, for example an adapter to an HSM that signs digests.</param>
    /// <returns>The identity.</returns>
    public static HospitalIdentity FromSigner(MediBlocSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return new HospitalIdentity(signer, owned: null);
    }

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
        return new HospitalIdentity(new LocalKeySigner(key), key);
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
        var signer = KeyStoreSigner.FromJson(File.ReadAllText(path), password);
        return new HospitalIdentity(signer, signer);
    }

    /// <summary>
    /// The hospital as a provider on <paramref name="client"/>, signing through the hospital's signer.
    /// </summary>
    /// <param name="client">The configured client.</param>
    /// <returns>The provider client.</returns>
    public ProviderClient AsProvider(MediBlocClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetProviderClient(_signer);
    }

    /// <inheritdoc/>
    public void Dispose() => _owned?.Dispose();
}
