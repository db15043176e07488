using System.CommandLine;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc open --key KEYSTORE --password-env VAR --in FILE --out FILE [--force]</c>: open an envelope.</summary>
[Framework.CommandGroup(30)]
public static class OpenCommand
{
    /// <summary>Creates the <c>open</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var key = new Option<string>("--key") { Description = "The recipient's keystore file.", Required = true };
        var passwordEnv = KeyCommand.PasswordEnvOption();
        var input = new Option<string>("--in") { Description = "The envelope file.", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the plaintext (owner-only; written only if the whole envelope verifies; must not exist unless --force, nor be an input).", Required = true };
        var force = KeyCommand.ForceOption();
        var command = new Command("open", "Open an envelope with a recipient's key; prints the content type and the record commitment.") { key, passwordEnv, input, output, force };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            var inputPath = parse.GetRequiredValue(input);
            if (!File.Exists(inputPath))
            {
                throw new UsageException($"The input file {inputPath} does not exist.");
            }

            var keyPath = parse.GetRequiredValue(key);
            var outputPath = parse.GetRequiredValue(output);
            OutputFile.Check(outputPath, parse.GetValue(force), [("--in", inputPath), ("--key", keyPath)]);
            using var recipient = CommandRunner.OpenKeyStore(keyPath, parse.GetRequiredValue(passwordEnv));
            using var source = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var result = OutputFile.Write(outputPath, parse.GetValue(force), [("--in", inputPath), ("--key", keyPath)], destination =>
                RecordEnvelope.Open(source, destination, recipient));
            stdout.WriteLine($"{result.ContentType} 0x{Convert.ToHexStringLower(result.Commitment.AsSpan())}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
