using System.Text.Json;
using MediBloc.Samples.Quickstart;
using MediBloc.Sdk;

// dotnet run --project samples/MediBloc.Samples.Quickstart [-- --devnet | --rpc URL --ipfs URL --registry ADDRESS] [--json]
var settings = new QuickstartSettings();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--rpc": settings.RpcUrl = new Uri(Value()); break;
        case "--ipfs": settings.IpfsUrl = new Uri(Value()); break;
        case "--registry": settings.RegistryAddress = Value(); break;
        case "--deployer-key-env": settings.DeployerKey = Environment.GetEnvironmentVariable(Value()); break;
        case "--patient-key-env": settings.PatientKey = Environment.GetEnvironmentVariable(Value()); break;
        case "--json": settings.Json = true; break;
        case "--devnet": settings.StartDevnet = true; break;
        case "-h" or "--help":
            Console.WriteLine("""
                MediBloc quickstart: one health record sealed, stored, anchored on chain, opened and verified; then every
                role in turn (provider, emergency, guardian, researcher, batches, MED, key backup, audit trail).

                  --rpc URL                EVM JSON-RPC URL (default: an in-process EVM chain)
                  --ipfs URL               IPFS Kubo RPC URL (default: a local content store in a temp folder)
                  --devnet                 start anvil + IPFS on 127.0.0.1 instead (installed with npm on first use)
                  --registry ADDRESS       a deployed record registry: the record's journey only (default: deploy the
                                           whole suite and tell every role's part)
                  --deployer-key-env VAR   funded key (0x-hex) in VAR that deploys (default: devnet key 0)
                  --patient-key-env VAR    funded key (0x-hex) in VAR of the patient (default: devnet key 1)
                  --json                   end with one JSON line summarising the run
                """);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}; see --help.");
            return 2;
    }
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    var result = await QuickstartStory.RunAsync(settings, Console.Out, cts.Token);
    if (settings.Json)
    {
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }
    return result.Verified ? 0 : 1;
}
catch (MediBlocException ex)
{
    Console.Error.WriteLine($"error ({ex.GetType().Name}, {ex.Code}): {ex.Message}");
    return 1;
}
