using System.Diagnostics;
using System.Globalization;
using System.Text;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Replication;
using MediBloc.Sdk.Testing;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Benchmarks.Workflows;

/// <summary>
/// End-to-end publish throughput (records/s) with one anchor per record and with batch anchors, and open latency
/// p50/p95, through <see cref="MediBlocClient"/> exactly as an application calls it: seal, crash-safe outbox on disk,
/// content store, chain. On the devnet (anvil + IPFS, started here) and, with <c>--embedded</c>, on the embedded chain
/// beside the same IPFS node and on the embedded chain with a local store (the SDK alone, no node). Records are FHIR Observations of about <c>--size</c> bytes, sealed to the patient and one provider.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- workflow-e2e [--records 5000] [--batch 500]
/// [--single 300] [--opens 300] [--size 2048] [--embedded] [--profile]</c>; <c>--profile</c> sums the SDK's
/// activities by name (store puts, chain calls) to show where the time goes.
/// </remarks>
internal sealed class WorkflowE2eHarness : IHarness
{
    public string Name => "workflow-e2e";

    public string Description => "publish records/s single vs batched, open latency p50/p95, on the devnet (anvil + IPFS) and optionally embedded";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var settings = new Settings(
            Int(args, "--records", 5000), Int(args, "--batch", 500), Int(args, "--single", 300), Int(args, "--opens", 300), Int(args, "--size", 2048));
        Console.WriteLine(
            $"workflow-e2e: {settings.Records} batched records ({settings.Batch} per PublishManyAsync), {settings.Single} single, {settings.Opens} opens, " +
            $"~{settings.Size} B FHIR resources; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        using var profile = args.Contains("--profile") ? new ActivityProfile() : null;
        var devnet = await Devnet.StartAsync(new DevnetOptions(), cancellationToken);
        await using (devnet.ConfigureAwait(false))
        {
            var rows = new List<string>();
            rows.AddRange(await MeasureAsync("devnet (anvil + IPFS)", devnet, embedded: false, Store.Ipfs, settings, cancellationToken));
            // The SDK's default shape for a patient's app: the device first, IPFS as the backup, copied in the background.
            rows.AddRange(await MeasureAsync("devnet (anvil + device store, IPFS backup in background)", devnet, embedded: false, Store.DeviceWithIpfsBackup, settings, cancellationToken));
            if (args.Contains("--embedded"))
            {
                rows.AddRange(await MeasureAsync("embedded chain + IPFS", devnet, embedded: true, Store.Ipfs, settings, cancellationToken));
                // The SDK without any node: what the client itself sustains when the store is the device.
                rows.AddRange(await MeasureAsync("embedded chain + local store", devnet, embedded: true, Store.Device, settings, cancellationToken));
            }
            Console.WriteLine();
            Console.WriteLine("| Backend | Path | records | time | records/s | open p50 | open p95 |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
            rows.ForEach(Console.WriteLine);
        }
        profile?.Print();
        return 0;
    }

    private enum Store
    {
        Ipfs,
        Device,
        DeviceWithIpfsBackup,
    }

    private static async Task<List<string>> MeasureAsync(string label, Devnet devnet, bool embedded, Store store, Settings settings, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("medibloc-e2e-");
        var replicating = store == Store.DeviceWithIpfsBackup
            ? new ReplicatingContentStore(new LocalContentStore(Path.Combine(folder.FullName, "store")), new IpfsContentStore(new KuboRpcClient(devnet.IpfsApiUrl)))
            : null;
        try
        {
            using var deployer = Secp256k1PrivateKey.FromHex(devnet.Accounts[0].PrivateKey);
            using var patientKey = Secp256k1PrivateKey.FromHex(devnet.Accounts[1].PrivateKey);
            using var providerKey = Secp256k1PrivateKey.Generate();
            var chain = embedded ? new InProcessChain() : null;
            var deployment = chain is not null
                ? await chain.DeployMediBlocContractsAsync(deployer, cancellationToken)
                : await MediBlocClient.DeployContractsAsync(devnet.RpcUrl, deployer, Fast(), cancellationToken);
            MediBlocClient NewClient() => new(new MediBlocClientOptions
            {
                ChainRpcUrl = chain is null ? devnet.RpcUrl : null,
                ChainClient = chain?.CreateRpcClient(),
                ContentStore = store switch
                {
                    Store.Device => new LocalContentStore(Path.Combine(folder.FullName, "store")),
                    Store.DeviceWithIpfsBackup => replicating,
                    _ => new IpfsContentStore(new KuboRpcClient(devnet.IpfsApiUrl)),
                },
                Outbox = new FileRecordOutbox(Path.Combine(folder.FullName, "outbox")),
                Chain = Fast(),
            }.UseDeployment(deployment));

            var patient = NewClient().GetPatientClient(patientKey);
            RecordToPublish Record(int i) => new(Resource(i, settings.Size), "application/fhir+json", [providerKey.PublicKey]);

            // Warm-up (JIT, connections), not timed.
            await patient.PublishManyAsync(Enumerable.Range(0, 20).Select(Record), cancellationToken);
            await patient.PublishAsync(Record(-1).Content, "application/fhir+json", [providerKey.PublicKey], cancellationToken);

            var single = new List<PublishedRecord>();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < settings.Single; i++)
            {
                single.Add(await patient.PublishAsync(Record(i).Content, "application/fhir+json", [providerKey.PublicKey], cancellationToken));
            }
            var singleTime = watch.Elapsed;

            var batched = new List<PublishedRecord>();
            watch.Restart();
            for (var start = 0; start < settings.Records; start += settings.Batch)
            {
                var count = Math.Min(settings.Batch, settings.Records - start);
                batched.AddRange(await patient.PublishManyAsync(Enumerable.Range(start, count).Select(Record).ToList(), cancellationToken));
            }
            var batchedTime = watch.Elapsed;
            if (replicating is not null)
            {
                // Publishing returned once the device held every envelope and the chain the anchors; now wait for IPFS.
                await replicating.SyncAsync(cancellationToken);
                Console.WriteLine($"{label}: the IPFS backup held every envelope {watch.Elapsed.TotalSeconds:0.0} s after the batched publishing started ({batched.Count / watch.Elapsed.TotalSeconds:0} records/s end to end to IPFS)");
            }

            var provider = NewClient().GetProviderClient(providerKey);
            watch.Restart();
            await provider.OpenAsync(batched[0].Cid, cancellationToken);
            var firstBatchOpen = watch.Elapsed;
            var singleOpens = await OpenLatenciesAsync(provider, single, settings.Opens, cancellationToken);
            var batchOpens = await OpenLatenciesAsync(provider, batched, settings.Opens, cancellationToken);

            Console.WriteLine($"{label}: first open of a batch record by a fresh client (finds its batch) {firstBatchOpen.TotalMilliseconds:0} ms");
            return
            [
                Row(label, "one anchor per record (PublishAsync)", single.Count, singleTime, singleOpens),
                Row(label, $"batch anchor, {settings.Batch} per PublishManyAsync", batched.Count, batchedTime, batchOpens),
            ];
        }
        finally
        {
            if (replicating is not null)
            {
                await replicating.DisposeAsync();
            }
            folder.Delete(recursive: true);
        }
    }

    private static async Task<double[]> OpenLatenciesAsync(ProviderClient provider, List<PublishedRecord> records, int opens, CancellationToken cancellationToken)
    {
        var latencies = new double[Math.Min(opens, records.Count)];
        var step = Math.Max(1, records.Count / Math.Max(1, latencies.Length));
        for (var i = 0; i < latencies.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            await provider.OpenAsync(records[i * step % records.Count].Cid, cancellationToken);
            latencies[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(latencies);
        return latencies;
    }

    private static string Row(string label, string path, int count, TimeSpan time, double[] opens) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {path} | {count} | {time.TotalSeconds:0.00} s | {count / time.TotalSeconds:0} | {Percentile(opens, 0.50):0.0} ms | {Percentile(opens, 0.95):0.0} ms |");

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>A FHIR Observation of about <paramref name="size"/> bytes, unique per call.</summary>
    private static byte[] Resource(int i, int size)
    {
        var head = $"{{\"resourceType\":\"Observation\",\"id\":\"obs-{i}-{Guid.NewGuid():N}\",\"status\":\"final\"," +
            "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]}," +
            "\"subject\":{\"reference\":\"Patient/example\"},\"effectiveDateTime\":\"2024-05-01T10:00:00Z\"," +
            "\"valueQuantity\":{\"value\":72,\"unit\":\"beats/minute\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"},\"note\":[{\"text\":\"";
        var tail = "\"}]}";
        return Encoding.UTF8.GetBytes(head + new string('n', Math.Max(0, size - head.Length - tail.Length)) + tail);
    }

    private static ChainConnectionOptions Fast() => new()
    {
        ReceiptPollingInterval = TimeSpan.FromMilliseconds(10),
        ReceiptTimeout = TimeSpan.FromSeconds(120),
        RpcTimeout = TimeSpan.FromSeconds(60),
    };

    private static int Int(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    /// <summary>With <c>--profile</c>: the SDK's activities (store puts, chain calls, publish, open) summed by name.</summary>
    private sealed class ActivityProfile : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Count, double Milliseconds)> _totals = new();

        public ActivityProfile()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name.StartsWith("MediBloc", StringComparison.Ordinal),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = a => _totals.AddOrUpdate(a.OperationName, (1, a.Duration.TotalMilliseconds), (_, t) => (t.Count + 1, t.Milliseconds + a.Duration.TotalMilliseconds)),
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public void Print()
        {
            Console.WriteLine();
            Console.WriteLine("| Activity | calls | total | mean |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, (count, ms)) in _totals.OrderByDescending(t => t.Value.Milliseconds))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count} | {ms:0} ms | {ms / count:0.00} ms |"));
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    private sealed record Settings(int Records, int Batch, int Single, int Opens, int Size);
}
