using System.Text.Json;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Samples.Web.Node;

/// <summary>
/// The keystores on this device: one Web3 Secret Storage file per account (scrypt + AES, the password never stored),
/// in an owner-only folder, plus a public list of labels, roles and public keys. Keys leave a file only when a
/// password unlocks them for a browser session.
/// </summary>
public sealed class DeviceAccounts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _folder;
    private readonly KeyStoreOptions _keyStoreOptions;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private List<DeviceAccount> _accounts;

    /// <summary>Opens (or creates) the keystore folder under the node's data folder.</summary>
    public DeviceAccounts(PhrNode node, WebAppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(settings);
        _folder = Path.Combine(node.Folder, "keystores");
        Directory.CreateDirectory(_folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _keyStoreOptions = new KeyStoreOptions { ScryptN = settings.KeyStoreScryptN };
        var list = Path.Combine(_folder, "accounts.json");
        _accounts = File.Exists(list) ? JsonSerializer.Deserialize<List<DeviceAccount>>(File.ReadAllText(list), Json) ?? [] : [];
    }

    /// <summary>The accounts on this device.</summary>
    public IReadOnlyList<DeviceAccount> All
    {
        get
        {
            lock (_accounts)
            {
                return [.. _accounts];
            }
        }
    }

    /// <summary>The account with this address, if it is on this device.</summary>
    public DeviceAccount? Find(string? address) =>
        address is null ? null : All.FirstOrDefault(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>A label for an address: the device account's, or the short address.</summary>
    public string NameOf(string address) => Find(address)?.Display ?? DeviceAccount.Short(address);

    /// <summary>Creates a key, seals it in a keystore under <paramref name="password"/>, and returns it unlocked.</summary>
    public async Task<(DeviceAccount Account, Secp256k1PrivateKey Key)> CreateAsync(string label, AccountRole role, string password, CancellationToken cancellationToken)
    {
        CheckPassword(password);
        var key = Secp256k1PrivateKey.Generate();
        var keystore = await Task.Run(() => Web3KeyStore.Encrypt(key, password, _keyStoreOptions), cancellationToken);
        return (await AddAsync(label, role, key, keystore, cancellationToken), key);
    }

    /// <summary>Imports a keystore file: it must open with <paramref name="password"/>; returns the key unlocked.</summary>
    public async Task<(DeviceAccount Account, Secp256k1PrivateKey Key)> ImportAsync(string label, AccountRole role, string keystoreJson, string password, CancellationToken cancellationToken)
    {
        CheckPassword(password);
        var key = await Task.Run(() => Web3KeyStore.Decrypt(keystoreJson, password), cancellationToken);
        return (await AddAsync(label, role, key, keystoreJson, cancellationToken), key);
    }

    /// <summary>Unlocks a device account's keystore with its password.</summary>
    public async Task<Secp256k1PrivateKey> UnlockAsync(DeviceAccount account, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var json = await File.ReadAllTextAsync(KeyStorePath(account.Address), cancellationToken);
        return await Task.Run(() => Web3KeyStore.Decrypt(json, password), cancellationToken);
    }

    /// <summary>The keystore file's text (encrypted; for a backup download).</summary>
    public Task<string> ReadKeyStoreAsync(DeviceAccount account, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(KeyStorePath(account.Address), cancellationToken);

    private async Task<DeviceAccount> AddAsync(string label, AccountRole role, Secp256k1PrivateKey key, string keystore, CancellationToken cancellationToken)
    {
        label = string.IsNullOrWhiteSpace(label) ? role.ToString() : label.Trim();
        var account = new DeviceAccount(label, role, key.Address.ToString(), key.PublicKey.ToString());
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await WriteOwnerOnlyAsync(KeyStorePath(account.Address), keystore, cancellationToken);
            List<DeviceAccount> next;
            lock (_accounts)
            {
                next = [.. _accounts.Where(a => !string.Equals(a.Address, account.Address, StringComparison.OrdinalIgnoreCase)), account];
            }
            await WriteOwnerOnlyAsync(Path.Combine(_folder, "accounts.json"), JsonSerializer.Serialize(next, Json), cancellationToken);
            _accounts = next;
            return account;
        }
        finally
        {
            _lock.Release();
        }
    }

    private string KeyStorePath(string address) => Path.Combine(_folder, address.ToLowerInvariant() + ".json");

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < 8)
        {
            throw new ArgumentException("Choose a password of at least 8 characters.", nameof(password));
        }
    }

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
