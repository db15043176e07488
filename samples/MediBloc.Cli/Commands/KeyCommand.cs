using System.CommandLine;
using System.Text;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc key new|list|address|public</c> (and the backup commands of <see cref="KeyBackupCommands"/>): create a keystore and read its address or public key.</summary>
[Framework.CommandGroup(10)]
public static class KeyCommand
{
    /// <summary>Creates the <c>key</c> command with its subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var key = new Command("key", "Create a keystore (Web3 Secret Storage v3) and show its address or public key.");
        key.Subcommands.Add(CreateNew());
        key.Subcommands.Add(CreateShow("address", "Print the key's EIP-55 checksummed address.", (k, _) => k.Address.ToString()));
        key.Subcommands.Add(CreatePublic());
        key.Subcommands.Add(CreateList());
        KeyBackupCommands.AddTo(key);
        return key;
    }

    private static Command CreatePublic()
    {
        var x25519 = new Option<bool>("--x25519") { Description = "Print the account's X25519 encryption key instead (32 bytes of hex), derived from the account key; seal --to accepts it." };
        var command = CreateShow("public", "Print the key's uncompressed public key (0x04…).", (k, parse) =>
        {
            if (!parse.GetValue(x25519))
            {
                return "0x" + Convert.ToHexStringLower(k.PublicKey.ToUncompressed());
            }

            using var encryptionKey = X25519PrivateKey.DeriveFrom(k);
            return encryptionKey.PublicKey.ToString();
        });
        command.Options.Add(x25519);
        return command;
    }

    private static Command CreateNew()
    {
        var output = new Option<string>("--out") { Description = "The keystore file to create (owner-only; must not exist unless --force)." };
        var name = new Option<string>("--name") { Description = "Instead of --out: store the key in the state folder under this name (keys/NAME.json and keys/NAME.pub), for --as NAME." };
        var force = ForceOption();
        var passwordEnv = new Option<string>("--password-env") { Description = $"The name of the environment variable that holds the keystore password (default {Framework.GlobalOptions.PasswordVariable}, else a prompt)." };
        var kdf = new Option<string>("--kdf") { Description = "The key derivation function: scrypt (default) or pbkdf2.", DefaultValueFactory = _ => "scrypt" };
        kdf.AcceptOnlyFromAmong("scrypt", "pbkdf2");
        var scryptN = new Option<int>("--scrypt-n") { Description = "scrypt's cost N (a power of two; default 262144). Lower it only for throwaway keys.", DefaultValueFactory = _ => 262_144 };
        var command = new Command("new", "Create a new random key, store it in an encrypted keystore and print its address.") { output, name, passwordEnv, kdf, scryptN, force };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            var named = parse.GetValue(name);
            if ((named is null) == (parse.GetValue(output) is null))
            {
                throw new UsageException("Give exactly one of --out FILE and --name NAME.");
            }
            var password = parse.GetValue(passwordEnv) is { } variable ? CommandRunner.Password(variable) : Framework.Passwords.Get("the new key");
            if (named is null)
            {
                OutputFile.Check(parse.GetRequiredValue(output), parse.GetValue(force), []);
            }
            KeyStoreOptions options;
            try
            {
                options = parse.GetValue(kdf) == "pbkdf2"
                    ? new KeyStoreOptions { Kdf = KeyStoreKdf.Pbkdf2 }
                    : new KeyStoreOptions { ScryptN = parse.GetValue(scryptN) };
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new UsageException("--scrypt-n must be a power of two from 2 to 1048576.", ex);
            }

            using var created = Secp256k1PrivateKey.Generate();
            var json = Web3KeyStore.Encrypt(created, password, options);
            if (named is not null)
            {
                new Framework.StateFolder(Framework.GlobalOptions.StateFolder(parse)).SaveKey(named, json, created.PublicKey);
                return new Framework.CliOutput(stdout, parse.InvocationConfiguration.Error, parse.GetValue(Framework.GlobalOptions.Json))
                    .Emit(new NamedKey(named, created.Address.ToString(), created.PublicKey.ToString()), (o, r) => o.WriteLine(r.Address));
            }
            OutputFile.Write(parse.GetRequiredValue(output), parse.GetValue(force), [], stream =>
            {
                stream.Write(Encoding.UTF8.GetBytes(json));
                return 0;
            });
            stdout.WriteLine(created.Address);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateShow(string name, string description, Func<Secp256k1PrivateKey, ParseResult, string> show)
    {
        var keystore = new Argument<string>("KEYSTORE") { Description = "The keystore file." };
        var passwordEnv = PasswordEnvOption();
        var command = new Command(name, description) { keystore, passwordEnv };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            using var key = CommandRunner.OpenKeyStore(parse.GetRequiredValue(keystore), parse.GetRequiredValue(passwordEnv));
            stdout.WriteLine(show(key, parse));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List the named keys of the state folder: name, address, public key.");
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            var keys = new Framework.StateFolder(Framework.GlobalOptions.StateFolder(parse)).ListKeys()
                .Select(k => new NamedKey(k.Name, k.PublicKey.Address.ToString(), k.PublicKey.ToString())).ToList();
            return new Framework.CliOutput(stdout, parse.InvocationConfiguration.Error, parse.GetValue(Framework.GlobalOptions.Json))
                .Emit(new KeyList(keys), (o, r) =>
                {
                    foreach (var k in r.Keys)
                    {
                        o.WriteLine($"{k.Name} {k.Address} {k.PublicKey}");
                    }
                });
        }));
        return command;
    }

    internal sealed record NamedKey(string Name, string Address, string PublicKey);

    internal sealed record KeyList(IReadOnlyList<NamedKey> Keys);

    internal static Option<bool> ForceOption() =>
        new("--force") { Description = "Replace --out if it exists." };

    internal static Option<string> PasswordEnvOption() =>
        new("--password-env") { Description = "The name of the environment variable that holds the keystore password.", Required = true };
}
