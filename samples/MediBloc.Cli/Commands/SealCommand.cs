using System.CommandLine;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc seal --to PUBKEY … --in FILE --out FILE [--force]</c>: seal a file to recipients' public keys.</summary>
[Framework.CommandGroup(20)]
public static class SealCommand
{
    /// <summary>Creates the <c>seal</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var to = new Option<string[]>("--to") { Description = "A recipient's public key: secp256k1 (33 or 65 bytes of hex, from key public) or X25519 (32 bytes, from key public --x25519); repeat for each recipient, all of one kind.", Required = true, AllowMultipleArgumentsPerToken = false };
        var input = new Option<string>("--in") { Description = "The file to seal.", Required = true };
        var output = new Option<string>("--out") { Description = "The envelope file to write (must not exist unless --force, nor be the input).", Required = true };
        var force = KeyCommand.ForceOption();
        var contentType = new Option<string>("--content-type") { Description = "The content type recorded in the envelope.", DefaultValueFactory = _ => "application/octet-stream" };
        var command = new Command("seal", "Seal a file into an envelope only the recipients can open; prints the record commitment.") { to, input, output, contentType, force };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            var (accounts, encryptionKeys) = ParseRecipients(parse.GetRequiredValue(to));
            var inputPath = parse.GetRequiredValue(input);
            if (!File.Exists(inputPath))
            {
                throw new UsageException($"The input file {inputPath} does not exist.");
            }

            var outputPath = parse.GetRequiredValue(output);
            OutputFile.Check(outputPath, parse.GetValue(force), [("--in", inputPath)]);
            using var source = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var result = OutputFile.Write(outputPath, parse.GetValue(force), [("--in", inputPath)], destination =>
                encryptionKeys.Count > 0
                    ? RecordEnvelope.Seal(source, destination, parse.GetRequiredValue(contentType), encryptionKeys)
                    : RecordEnvelope.Seal(source, destination, parse.GetRequiredValue(contentType), accounts));
            stdout.WriteLine("0x" + Convert.ToHexStringLower(result.Commitment.AsSpan()));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Reads the --to keys: 32 bytes are X25519 keys, anything else must be a secp256k1 key; one envelope takes one kind.</summary>
    private static (List<Secp256k1PublicKey> Accounts, List<X25519PublicKey> EncryptionKeys) ParseRecipients(string[] texts)
    {
        var accounts = new List<Secp256k1PublicKey>();
        var encryptionKeys = new List<X25519PublicKey>();
        foreach (var text in texts)
        {
            var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.Length - 2 : text.Length;
            try
            {
                if (digits == 2 * X25519PublicKey.Length)
                {
                    encryptionKeys.Add(X25519PublicKey.FromHex(text));
                }
                else
                {
                    accounts.Add(Secp256k1PublicKey.FromHex(text));
                }
            }
            catch (InvalidFormatException ex)
            {
                var kind = digits == 2 * X25519PublicKey.Length ? "an X25519" : "a secp256k1";
                throw new UsageException($"--to {Shorten(text)} is not {kind} public key: {ex.Message}", ex);
            }
        }

        if (accounts.Count > 0 && encryptionKeys.Count > 0)
        {
            throw new UsageException("--to mixes secp256k1 and X25519 keys; one envelope wraps for one kind: give every recipient's key of the same kind (key public, or key public --x25519).");
        }

        return (accounts, encryptionKeys);
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
