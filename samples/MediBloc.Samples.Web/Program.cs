using MediBloc.Samples.Web;

// dotnet run --project samples/MediBloc.Samples.Web [-- --devnet | --rpc URL --ipfs URL] [--port N] [--data DIR]
var settings = new WebAppSettings();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--rpc": settings.RpcUrl = new Uri(Value()); break;
        case "--ipfs": settings.IpfsUrl = new Uri(Value()); break;
        case "--devnet": settings.StartDevnet = true; break;
        case "--deployer-key-env": settings.DeployerKey = Environment.GetEnvironmentVariable(Value()); break;
        case "--data": settings.DataFolder = Path.GetFullPath(Value()); break;
        case "--port": settings.Port = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--listen-all": settings.ListenOnAllInterfaces = true; break;
        case "-h" or "--help":
            Console.WriteLine("""
                MediBloc PHR web app: a patient's health record, a clinician's and a paramedic's views, research data requests.

                  --rpc URL                EVM JSON-RPC URL (default: an in-process EVM chain)
                  --ipfs URL               IPFS Kubo RPC URL (default: a local content store in the data folder)
                  --devnet                 start anvil + IPFS on 127.0.0.1 instead (installed with npm on first use)
                  --deployer-key-env VAR   funded key (0x-hex) in VAR that deploys, funds new accounts and acts as the
                                           demo authority (default: the chain's first dev account)
                  --data DIR               keystores and content store (default: a temporary folder deleted on exit)
                  --port N                 port on 127.0.0.1 (default 5080; 0 picks a free one)
                  --listen-all             listen on every interface (a clinic's server behind a TLS proxy; see README)
                """);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}; see --help.");
            return 2;
    }
}

Console.WriteLine("Starting the chain and content store, deploying the contracts...");
await using var app = await WebApp.CreateAsync(settings);
await app.StartAsync();
var node = app.Services.GetRequiredService<MediBloc.Samples.Web.Node.PhrNode>();
Console.WriteLine($"Chain: {node.ChainDescription}; content: {node.StoreDescription}.");
Console.WriteLine($"Open {WebApp.Address(app)} in a browser on this device (Ctrl-C stops the app).");
await app.WaitForShutdownAsync();
return 0;
