using MediBloc.Cli.Commands;
using System.Text;
using System.Text.Json;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Internal;

namespace MediBloc.Cli.Framework;

/// <summary>
/// The tool's state folder (owner-only): <c>keys/NAME.json</c> keystores with <c>keys/NAME.pub</c> public keys beside
/// them, <c>chain.journal</c> (the embedded chain), <c>deployment.json</c>, <c>store/</c> (the local content store)
/// and <c>outbox/</c> (publishes not yet anchored).
/// </summary>
internal sealed class StateFolder
{
    public StateFolder(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string Keys => Path.Combine(Root, "keys");

    public string Journal => Path.Combine(Root, "chain.journal");

    public string DeploymentFile => Path.Combine(Root, "deployment.json");

    public string Store => Path.Combine(Root, "store");

    public string Outbox => Path.Combine(Root, "outbox");

    public void Create() => PrivateFiles.CreateFolder(Root);

    public string KeystorePath(string name) => Path.Combine(Keys, CheckName(name) + ".json");

    public string PublicKeyPath(string name) => Path.Combine(Keys, CheckName(name) + ".pub");

    public bool HasKey(string name) => IsName(name) && File.Exists(PublicKeyPath(name));

    /// <summary>Stores a new named key: the keystore and its public key, both owner-only; refuses a name in use.</summary>
    public void SaveKey(string name, string keystoreJson, Secp256k1PublicKey publicKey)
    {
        PrivateFiles.CreateFolder(Keys);
        if (File.Exists(KeystorePath(name)) || File.Exists(PublicKeyPath(name)))
        {
            throw new UsageException($"A key named {name} already exists in {Keys}.");
        }
        PrivateFiles.WriteAtomically(PublicKeyPath(name), overwrite: false, s => { s.Write(Encoding.UTF8.GetBytes(publicKey.ToString())); return 0; });
        PrivateFiles.WriteAtomically(KeystorePath(name), overwrite: false, s => { s.Write(Encoding.UTF8.GetBytes(keystoreJson)); return 0; });
    }

    public Secp256k1PublicKey ReadPublicKey(string name) => Secp256k1PublicKey.FromHex(File.ReadAllText(PublicKeyPath(name)).Trim());

    /// <summary>The named keys, sorted by name.</summary>
    public IReadOnlyList<(string Name, Secp256k1PublicKey PublicKey)> ListKeys() =>
        !Directory.Exists(Keys) ? [] :
        [.. Directory.EnumerateFiles(Keys, "*.pub").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal).Select(n => (n, ReadPublicKey(n)))];

    public MediBlocDeployment? ReadDeployment() =>
        File.Exists(DeploymentFile) ? ReadDeploymentFile(DeploymentFile) : null;

    public void SaveDeployment(MediBlocDeployment deployment) =>
        PrivateFiles.WriteAtomically(DeploymentFile, overwrite: true, s => { JsonSerializer.Serialize(s, deployment, CliJson.Indented); return 0; });

    public static MediBlocDeployment ReadDeploymentFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"The deployment file {path} does not exist.");
        }
        try
        {
            return JsonSerializer.Deserialize<MediBlocDeployment>(File.ReadAllText(path), CliJson.Indented)
                ?? throw new InvalidFormatException($"The deployment file {path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidFormatException($"The deployment file {path} is not a MediBlocDeployment JSON document: {ex.Message}", ex);
        }
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name[0] != '.';

    private static string CheckName(string name) =>
        IsName(name) ? name : throw new UsageException($"'{name}' is not a key name: use 1-64 letters, digits, '-', '_' or '.', not starting with '.'.");
}
