using System.Globalization;
using MediBloc.Samples.HealthReport;
using MediBloc.Sdk;

// dotnet run --project samples/MediBloc.Samples.HealthReport [-- --bundle FILE --as-of yyyy-MM-dd --out DIR | --devnet | --rpc URL --ipfs URL]
var settings = new HealthReportSettings();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--bundle": settings.BundlePath = Value(); break;
        case "--as-of": settings.AsOf = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
        case "--out": settings.OutputFolder = Value(); break;
        case "--rpc": settings.RpcUrl = new Uri(Value()); break;
        case "--ipfs": settings.IpfsUrl = new Uri(Value()); break;
        case "--deployer-key-env": settings.DeployerKey = Environment.GetEnvironmentVariable(Value()); break;
        case "--patient-key-env": settings.PatientKey = Environment.GetEnvironmentVariable(Value()); break;
        case "--devnet": settings.StartDevnet = true; break;
        case "-h" or "--help":
            Console.WriteLine("""
                MediBloc personal health report: a patient publishes a Synthea bundle's records, opens them on their own
                device and builds the report (care gaps, trends with charts, conditions, medications, allergies) as
                report.html and report.json.

                  --bundle FILE            a Synthea patient bundle (default: the sample's data/sof-Clemente_Kreiger_….json)
                  --as-of yyyy-MM-dd       the report's day (default: today, UTC)
                  --out DIR                where report.html and report.json go (default: the current folder)
                  --rpc URL                EVM JSON-RPC URL (default: an in-process EVM chain)
                  --ipfs URL               IPFS Kubo RPC URL (default: a local content store in a temp folder)
                  --devnet                 start anvil + IPFS on 127.0.0.1 instead
                  --deployer-key-env VAR   funded key (0x-hex) in VAR that deploys (default: devnet key 0)
                  --patient-key-env VAR    funded key (0x-hex) in VAR of the patient (default: devnet key 1)
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
    var result = await HealthReportStory.RunAsync(settings, Console.Out, cts.Token);
    return result.MatchesBundle ? 0 : 1;
}
catch (MediBlocException ex)
{
    Console.Error.WriteLine($"error ({ex.GetType().Name}, {ex.Code}): {ex.Message}");
    return 1;
}
