using System.CommandLine;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc seal --to PUBKEY … --in FILE --out FILE</c>: seal a file to recipients' public keys.</summary>
public static class SealCommand
{
    /// <summary>Creates the <c>seal</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var to = new Option<string[]>("--to") { Description = "A recipient's public key (33 or 65 bytes of hex); repeat for each recipient.", Required = true, AllowMultipleArgumentsPerToken = false };
        var input = new Option<string>("--in") { Description = "The file to seal.", Required = true };
        var output = new Option<string>("--out") { Description = "The envelope file to write (replaced if it exists).", Required = true };
        var contentType = new Option<string>("--content-type") { Description = "The content type recorded in the envelope.", DefaultValueFactory = _ => "application/octet-stream" };
        var command = new Command("seal", "Seal a file into an envelope only the recipients can open; prints the record commitment.") { to, input, output, contentType };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            var recipients = new List<Secp256k1PublicKey>();
            foreach (var text in parse.GetRequiredValue(to))
            {
                try
                {
                    recipients.Add(Secp256k1PublicKey.FromHex(text));
                }
                catch (InvalidFormatException ex)
                {
                    throw new UsageException($"--to {Shorten(text)} is not a secp256k1 public key: {ex.Message}", ex);
                }
            }

            var inputPath = parse.GetRequiredValue(input);
            if (!File.Exists(inputPath))
            {
                throw new UsageException($"The input file {inputPath} does not exist.");
            }

            using var source = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var result = CommandRunner.WriteAtomically(parse.GetRequiredValue(output), overwrite: true, destination =>
                RecordEnvelope.Seal(source, destination, parse.GetRequiredValue(contentType), recipients));
            stdout.WriteLine("0x" + Convert.ToHexStringLower(result.Commitment.Span));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
