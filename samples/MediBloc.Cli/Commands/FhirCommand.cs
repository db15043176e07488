using System.CommandLine;
using System.Text.Json;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;

namespace MediBloc.Cli.Commands;

/// <summary>
/// <c>medibloc fhir ingest|roundtrip</c>: publishes every resource of a FHIR Bundle (and its layout) as a patient's
/// records, opens them again as a provider the records were shared with, and reassembles the Bundle. Without
/// <c>--rpc</c> it needs no servers: an embedded chain and a local content store in a temporary folder.
/// </summary>
[Framework.CommandGroup(50)]
public static class FhirCommand
{
    /// <summary>Creates the <c>fhir</c> command with its <c>ingest</c> and <c>roundtrip</c> subcommands.</summary>
    /// <returns>The command, to add to the root command.</returns>
    public static Command Create()
    {
        var command = new Command("fhir", "Publish FHIR Bundles as records and read them back.");
        command.Subcommands.Add(CreateIngest());
        command.Subcommands.Add(CreateRoundTrip());
        return command;
    }

    private static Command CreateIngest()
    {
        var nodes = new NodeOptions();
        var bundle = BundleOption("--bundle");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("ingest", "Publish a Bundle's resources as records, reopen them as a provider and check the round trip.") { bundle, json };
        nodes.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, output =>
        {
            var result = FhirIngestion.RunAsync(parse.GetRequiredValue(bundle).FullName, nodes.Read(parse), CancellationToken.None).GetAwaiter().GetResult();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(result.ToJsonObject()));
            }
            else
            {
                WriteHuman(output, result);
            }

            return result.RoundTripEqual ? ExitCodes.Success : ExitCodes.IntegrityFailure;
        }));
        return command;
    }

    private static Command CreateRoundTrip()
    {
        var nodes = new NodeOptions();
        var bundle = BundleOption("--bundle");
        var output = new Option<FileInfo>("--out") { Description = "Where to write the reassembled Bundle.", Required = true };
        var force = KeyCommand.ForceOption();
        var command = new Command("roundtrip", "Ingest a Bundle into a fresh record, open every record as a reader and write the reassembled Bundle.") { bundle, output, force };
        nodes.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, writer =>
        {
            var destination = parse.GetRequiredValue(output).FullName;
            var bundlePath = parse.GetRequiredValue(bundle).FullName;
            OutputFile.Check(destination, parse.GetValue(force), [("--bundle", bundlePath)]);
            var result = FhirIngestion.RunAsync(bundlePath, nodes.Read(parse), CancellationToken.None).GetAwaiter().GetResult();
            OutputFile.Write(destination, parse.GetValue(force), [("--bundle", bundlePath)], stream =>
            {
                stream.Write(result.Reassembled);
                return 0;
            });
            WriteHuman(writer, result);
            writer.WriteLine($"Wrote {destination}.");
            return result.RoundTripEqual ? ExitCodes.Success : ExitCodes.IntegrityFailure;
        }));
        return command;
    }

    private static Option<FileInfo> BundleOption(string name) => new(name) { Description = "The FHIR R4 Bundle (JSON).", Required = true };

    private static void WriteHuman(TextWriter output, FhirIngestionResult result)
    {
        output.WriteLine(result.Embedded
            ? $"Used an embedded chain (chain id {result.ChainId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}) and a local content store in a temporary folder; nothing left this machine."
            : $"Used the chain at {result.ChainDescription} (chain id {result.ChainId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}) and the IPFS node at {result.StoreDescription}.");
        output.WriteLine($"Published {result.RecordsPublished} records ({result.Counts.Values.Sum()} resources and the bundle layout) for patient {result.Patient}:");
        foreach (var (type, count) in result.Counts)
        {
            output.WriteLine($"  {type,-32} {count,6}");
        }

        output.WriteLine(result.RoundTripEqual
            ? $"Opened every record as provider {result.Provider}: the reassembled Bundle equals the input (RFC 8785 canonical JSON{(result.ByteEqual ? ", and byte for byte" : string.Empty)})."
            : $"Opened every record as provider {result.Provider}: the reassembled Bundle DIFFERS from the input.");
    }

    /// <summary>The options that point the command at real nodes instead of the embedded chain and local store.</summary>
    private sealed class NodeOptions
    {
        private readonly Option<string?> _rpc = new("--rpc") { Description = "An EVM node's JSON-RPC URL (default: an embedded in-process chain)." };
        private readonly Option<string?> _ipfs = new("--ipfs") { Description = "An IPFS node's Kubo RPC URL (with --rpc; default: a local store in a temporary folder)." };
        private readonly Option<string?> _registry = new("--registry") { Description = "The RecordRegistry address (with --rpc; default: deploy one)." };
        private readonly Option<string?> _patientKey = new("--patient-key-env") { Description = "The environment variable holding the patient's hex private key (required with --rpc)." };

        public void AddTo(Command command)
        {
            command.Options.Add(_rpc);
            command.Options.Add(_ipfs);
            command.Options.Add(_registry);
            command.Options.Add(_patientKey);
        }

        public FhirIngestionTarget Read(ParseResult parse)
        {
            var rpc = ParseUrl(parse.GetValue(_rpc), "--rpc");
            var ipfs = ParseUrl(parse.GetValue(_ipfs), "--ipfs");
            var registry = parse.GetValue(_registry);
            var keyVariable = parse.GetValue(_patientKey);
            if (rpc is null)
            {
                return ipfs is not null || registry is not null || keyVariable is not null
                    ? throw new UsageException("--ipfs, --registry and --patient-key-env go with --rpc.")
                    : FhirIngestionTarget.EmbeddedTarget;
            }

            if (ipfs is null || keyVariable is null)
            {
                throw new UsageException("With --rpc, give --ipfs and --patient-key-env too.");
            }

            var hex = Environment.GetEnvironmentVariable(keyVariable);
            if (string.IsNullOrWhiteSpace(hex))
            {
                throw new UsageException($"The environment variable {keyVariable} (named by --patient-key-env) is not set or empty.");
            }

            return new FhirIngestionTarget(rpc, ipfs, registry, hex.Trim());
        }

        private static Uri? ParseUrl(string? value, string option) =>
            value is null ? null
            : Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url
            : throw new UsageException($"{option} must be an absolute http(s) URL, not '{value}'.");
    }
}
