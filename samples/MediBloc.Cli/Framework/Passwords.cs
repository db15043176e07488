using MediBloc.Cli.Commands;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Cli.Framework;

/// <summary>The keystore password: <c>$MEDIBLOC_PASSWORD</c>, else a prompt on the terminal (not echoed).</summary>
internal static class Passwords
{
    public static string Get(string? purpose = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(GlobalOptions.PasswordVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        if (Console.IsInputRedirected)
        {
            throw new UsageException($"No password: set {GlobalOptions.PasswordVariable} (there is no terminal to prompt on).");
        }
        Console.Error.Write($"Password{(purpose is null ? string.Empty : " for " + purpose)}: ");
        var password = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return password.Length > 0 ? password.ToString() : throw new UsageException("An empty password.");
    }

    public static Secp256k1PrivateKey OpenKeyStore(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"The keystore {path} does not exist.");
        }
        if (info.Length > Web3KeyStore.MaxFileSize)
        {
            throw new InvalidFormatException($"The keystore {path} is larger than {Web3KeyStore.MaxFileSize} bytes.");
        }
        return Web3KeyStore.Decrypt(File.ReadAllText(path), Get(Path.GetFileName(path)));
    }
}
