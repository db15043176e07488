using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage.Local;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3.Accounts;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Benchmarks.EmbeddedChain;

/// <summary>
/// Where a publish's time goes on the embedded chain: the whole <c>PatientClient.PublishAsync</c> (seal, local
/// store, anchor), then the anchor alone through <see cref="ChainConnection"/> split by JSON-RPC method (estimate,
/// fee suggestion, send = validate + execute + commit, receipt), and client-side signing alone.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- embedded-publish-profile [--publishes 200]</c></remarks>
internal sealed class EmbeddedPublishProfileHarness : IHarness
{
    private const string Cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    public string Name => "embedded-publish-profile";

    public string Description => "Where a publish's time goes on the embedded chain (per JSON-RPC method, signing, sealing)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = IntArg(args, "--publishes", 200);
        Console.WriteLine($"embedded-publish-profile: {count} publishes; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var watch = Stopwatch.StartNew();
        var chain = new InProcessChain();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  new InProcessChain() (cold): {watch.Elapsed.TotalMilliseconds:0.0} ms"));
        watch.Restart();
        _ = new InProcessChain();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  new InProcessChain() (warm): {watch.Elapsed.TotalMilliseconds:0.0} ms"));
        using var patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        using var provider = Secp256k1PrivateKey.Generate();
        watch.Restart();
        var deployment = await chain.DeployMediBlocContractsAsync(cancellationToken: cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  DeployContractsAsync (cold): {watch.Elapsed.TotalMilliseconds:0.0} ms"));

        var scratch = Directory.CreateTempSubdirectory("medibloc-profile-").FullName;
        try
        {
            var client = new MediBlocClient(new MediBlocClientOptions
            {
                ChainClient = chain.CreateRpcClient(),
                ContentStore = new LocalContentStore(Path.Combine(scratch, "store")),
                Outbox = new InMemoryRecordOutbox(),
                RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
            });
            var patient = client.GetPatientClient(patientKey);
            var record = Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\",\"status\":\"final\"}");
            await patient.PublishAsync(record, "application/fhir+json", [provider.PublicKey], cancellationToken: cancellationToken);
            watch.Restart();
            for (var i = 0; i < count; i++)
            {
                await patient.PublishAsync(record, "application/fhir+json", [provider.PublicKey], cancellationToken: cancellationToken);
            }
            var publishMs = watch.Elapsed.TotalMilliseconds / count;

            // The anchor alone, with every JSON-RPC call timed by method.
            var timing = new TimingInterceptor();
            var rpc = chain.CreateRpcClient();
            rpc.OverridingRequestInterceptor = timing;
            var connection = new ChainConnection(rpc, new Account(chain.Accounts[2].PrivateKey, chain.ChainId), new ChainConnectionOptions { ReceiptPollingInterval = TimeSpan.FromMilliseconds(1) });
            var registry = new RecordRegistryClient(connection, deployment.RecordRegistryAddress);
            await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, "application/fhir+json", cancellationToken);
            timing.Clear();
            watch.Restart();
            for (var i = 0; i < count; i++)
            {
                await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, "application/fhir+json", cancellationToken);
            }
            var anchorMs = watch.Elapsed.TotalMilliseconds / count;

            // Client-side signing alone (what Web3's account signer does per transaction).
            var account = new Account(chain.Accounts[3].PrivateKey, chain.ChainId);
            _ = new Nethereum.Web3.Web3(account, chain.CreateRpcClient());
            var input = new TransactionInput { From = account.Address, To = deployment.RecordRegistryAddress.ToString(), Data = "0x12345678", Gas = new(100_000), MaxFeePerGas = new(2_000_000_000), MaxPriorityFeePerGas = new(1), Nonce = new(0), Type = new(2) };
            await account.TransactionManager.SignTransactionAsync(input);
            watch.Restart();
            for (var i = 0; i < count; i++)
            {
                input.Nonce = new(i);
                await account.TransactionManager.SignTransactionAsync(input);
            }
            var signMs = watch.Elapsed.TotalMilliseconds / count;

            Console.WriteLine();
            Console.WriteLine("| Per publish on the embedded chain | ms |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(Row("PatientClient.PublishAsync (seal, local store, anchor)", publishMs));
            Console.WriteLine(Row("RecordRegistryClient.AnchorAsync alone", anchorMs));
            foreach (var (method, calls, totalMs) in timing.Snapshot())
            {
                Console.WriteLine(Row($"  {method} ({calls / (double)count:0.##} per anchor)", totalMs / count));
            }
            Console.WriteLine(Row("Signing one EIP-1559 transaction (Nethereum account signer)", signMs));
            return 0;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string Row(string label, double ms) => string.Create(CultureInfo.InvariantCulture, $"| {label} | {ms:0.00} |");

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
    }

    /// <summary>Times every JSON-RPC request by method.</summary>
    private sealed class TimingInterceptor : RequestInterceptor
    {
        private readonly ConcurrentDictionary<string, (int Calls, double Ms)> _totals = new();

        public void Clear() => _totals.Clear();

        public IEnumerable<(string Method, int Calls, double Ms)> Snapshot() =>
            _totals.OrderByDescending(kv => kv.Value.Ms).Select(kv => (kv.Key, kv.Value.Calls, kv.Value.Ms));

        public override async Task<object> InterceptSendRequestAsync<T>(Func<RpcRequest, string, Task<T>> interceptedSendRequestAsync, RpcRequest request, string? route = null)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                return (await interceptedSendRequestAsync(request, route!).ConfigureAwait(false))!;
            }
            finally
            {
                Add(request.Method, start);
            }
        }

        public override async Task<object> InterceptSendRequestAsync<T>(Func<string, string, object[], Task<T>> interceptedSendRequestAsync, string method, string? route = null, params object[] paramList)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                return (await interceptedSendRequestAsync(method, route!, paramList).ConfigureAwait(false))!;
            }
            finally
            {
                Add(method, start);
            }
        }

        private void Add(string method, long start)
        {
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            _totals.AddOrUpdate(method, (1, ms), (_, t) => (t.Calls + 1, t.Ms + ms));
        }
    }
}
