using System.CommandLine;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc open --key KEYSTORE --password-env VAR --in FILE --out FILE</c>: open an envelope.</summary>
public static class OpenCommand
{
    /// <summary>Creates the <c>open</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var key = new Option<string>("--key") { Description = "The recipient's keystore file.", Required = true };
        var passwordEnv = KeyCommand.PasswordEnvOption();
        var input = new Option<string>("--in") { Description = "The envelope file.", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the plaintext (replaced if it exists; written only if the whole envelope verifies).", Required = true };
        var command = new Command("open", "Open an envelope with a recipient's key; prints the content type and the record commitment.") { key, passwordEnv, input, output };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            var inputPath = parse.GetRequiredValue(input);
            if (!File.Exists(inputPath))
            {
                throw new UsageException($"The input file {inputPath} does not exist.");
            }

            using var recipient = CommandRunner.OpenKeyStore(parse.GetRequiredValue(key), parse.GetRequiredValue(passwordEnv));
            using var source = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var result = CommandRunner.WriteAtomically(parse.GetRequiredValue(output), overwrite: true, destination =>
                RecordEnvelope.Open(source, destination, recipient));
            stdout.WriteLine($"{result.ContentType} 0x{Convert.ToHexStringLower(result.Commitment.Span)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
