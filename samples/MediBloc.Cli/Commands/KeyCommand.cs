using System.CommandLine;
using System.Text;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc key new|address|public</c>: create a keystore and read its address or public key.</summary>
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
        var output = new Option<string>("--out") { Description = "The keystore file to create (owner-only; must not exist unless --force).", Required = true };
        var force = ForceOption();
        var passwordEnv = PasswordEnvOption();
        var kdf = new Option<string>("--kdf") { Description = "The key derivation function: scrypt (default) or pbkdf2.", DefaultValueFactory = _ => "scrypt" };
        kdf.AcceptOnlyFromAmong("scrypt", "pbkdf2");
        var scryptN = new Option<int>("--scrypt-n") { Description = "scrypt's cost N (a power of two; default 262144). Lower it only for throwaway keys.", DefaultValueFactory = _ => 262_144 };
        var command = new Command("new", "Create a new random key, store it in an encrypted keystore and print its address.") { output, passwordEnv, kdf, scryptN, force };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            var password = CommandRunner.Password(parse.GetRequiredValue(passwordEnv));
            OutputFile.Check(parse.GetRequiredValue(output), parse.GetValue(force), []);
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

    internal static Option<bool> ForceOption() =>
        new("--force") { Description = "Replace --out if it exists." };

    internal static Option<string> PasswordEnvOption() =>
        new("--password-env") { Description = "The name of the environment variable that holds the keystore password.", Required = true };
}
