using MediBloc.Samples.HospitalAdapter;
using MediBloc.Sdk;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using Spectre.Console;

// Usage: HospitalAdapter FOLDER [--work DIR] [--rpc URL --ipfs URL --registry ADDR --funder-key-env VAR]
// Without --rpc: an embedded chain and a local store under --work (default FOLDER/.medibloc-adapter).
if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
{
    Console.Error.WriteLine("usage: HospitalAdapter FOLDER [--work DIR] [--rpc URL --ipfs URL --registry ADDR]");
    return 2;
}

var folder = args[0];
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var work = Option("--work") ?? Path.Combine(folder, ".medibloc-adapter");
Directory.CreateDirectory(work);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

MediBlocClientOptions options;
PatientKeys keys;
if (Option("--rpc") is { } rpc)
{
    // Real nodes: each patient's key file in WORK/keys must hold a funded key (the sample does not move funds).
    options = new MediBlocClientOptions
    {
        ChainRpcUrl = new Uri(rpc),
        IpfsApiUrl = new Uri(Option("--ipfs") ?? "http://127.0.0.1:5001"),
        RecordRegistryAddress = Option("--registry") ?? throw new ArgumentException("--registry is required with --rpc."),
        Outbox = new FileRecordOutbox(Path.Combine(work, "outbox")),
        // Every bundle is one batch anchor, however small: the cheapest anchor, and a bundle that fails waits in the
        // outbox as a whole, so the next run finishes it instead of publishing part of it twice.
        BatchAnchorThreshold = 1,
    };
    keys = new PatientKeys(Path.Combine(work, "keys"));
}
else
{
    var chain = new InProcessChain();
    var deployment = await chain.DeployMediBlocContractsAsync();
    options = new MediBlocClientOptions
    {
        ChainClient = chain.CreateRpcClient(),
        RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
        ContentStore = new LocalContentStore(Path.Combine(work, "store")),
        Outbox = new FileRecordOutbox(Path.Combine(work, "outbox")),
        BatchAnchorThreshold = 1,
    };
    keys = new PatientKeys(Path.Combine(work, "keys"), address => chain.SetBalance(address, System.Numerics.BigInteger.Pow(10, 20)));
    AnsiConsole.MarkupLine("[grey]Using an embedded chain and a local content store (no servers); pass --rpc/--ipfs/--registry for real nodes.[/]");
}

var adapter = new HospitalAdapter(new MediBlocClient(options), keys, AdapterState.Load(Path.Combine(work, "state.json")), AnsiConsole.Console);
try
{
    var outcomes = await adapter.RunAsync(folder, cancellationToken: cancel.Token);
    return outcomes.Any(o => o.Status.StartsWith("failed", StringComparison.Ordinal)) ? 1 : 0;
}
catch (OperationCanceledException)
{
    AnsiConsole.MarkupLine("[yellow]Interrupted; run again to resume (finished bundles are skipped).[/]");
    return 130;
}
