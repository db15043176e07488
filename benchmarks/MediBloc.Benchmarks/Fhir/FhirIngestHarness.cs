using System.Diagnostics;
using System.Globalization;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Benchmarks.Fhir;

/// <summary>
/// FHIR ingest throughput in resources/s on the embedded chain with a local store: split + canonical hash + seal +
/// store + anchor through <see cref="FhirBundlePublisher"/>, once forced to one anchor per resource and once as it
/// runs by default (the path the CLI and the hospital adapter take): one batch anchor per bundle.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- fhir-ingest [--data FOLDER] [--bundles 3]</c></remarks>
internal sealed class FhirIngestHarness : IHarness
{
    public string Name => "fhir-ingest";

    public string Description => "FHIR ingest resources/s (parse, canonicalize, seal, store, anchor): single anchors vs one batch anchor per bundle";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var data = Arg(args, "--data") ?? FindTestData();
        var count = int.Parse(Arg(args, "--bundles") ?? "3", CultureInfo.InvariantCulture);
        var bundles = Directory.GetFiles(data, "*.json").Where(f => !Path.GetFileName(f).Contains("Information", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Take(count).Select(File.ReadAllBytes).ToArray();
        var resources = bundles.Sum(b => FhirBundleSplitter.Split(b).Resources.Count);
        Console.WriteLine($"fhir-ingest: {bundles.Length} Synthea bundles, {resources} resources, {bundles.Sum(b => b.Length) / 1024} KiB; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        // Warm-up (JIT, contract deployment paths) on the first bundle, not timed.
        await SingleAsync([bundles[0]], cancellationToken);
        await BatchedAsync([bundles[0]], cancellationToken);

        var parse = Time(() =>
        {
            foreach (var b in bundles)
            {
                foreach (var r in FhirBundleSplitter.Split(b).Resources)
                {
                    FhirCanonicalJson.ComputeHash(r.Json);
                }
            }
        });
        var single = await SingleAsync(bundles, cancellationToken);
        var batched = await BatchedAsync(bundles, cancellationToken);

        Console.WriteLine();
        Console.WriteLine("| Ingest path (embedded chain, local store) | time | resources/s |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| split + canonical hash only | {parse.TotalMilliseconds:0} ms | {resources / parse.TotalSeconds:0} |");
        Console.WriteLine($"| + seal + store + one anchor per resource (BatchAnchorThreshold = int.MaxValue) | {single.TotalMilliseconds:0} ms | {resources / single.TotalSeconds:0} |");
        Console.WriteLine($"| + seal + store + one batch anchor per bundle (FhirBundlePublisher default) | {batched.TotalMilliseconds:0} ms | {resources / batched.TotalSeconds:0} |");
        return 0;
    }

    private static async Task<TimeSpan> SingleAsync(byte[][] bundles, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("medibloc-ingest-");
        try
        {
            var chain = new InProcessChain();
            var deployment = await chain.DeployMediBlocContractsAsync(cancellationToken: cancellationToken);
            var client = new MediBlocClient(new MediBlocClientOptions
            {
                ChainClient = chain.CreateRpcClient(),
                RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
                ContentStore = new LocalContentStore(folder.FullName),
                Outbox = new InMemoryRecordOutbox(),
                BatchAnchorThreshold = int.MaxValue, // one anchor per resource, for the comparison
            });
            using var patient = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
            var publisher = new FhirBundlePublisher(client);
            var watch = Stopwatch.StartNew();
            foreach (var bundle in bundles)
            {
                foreach (var r in FhirBundleSplitter.Split(bundle).Resources)
                {
                    FhirCanonicalJson.ComputeHash(r.Json);
                }

                await publisher.PublishAsync(patient, bundle, cancellationToken: cancellationToken);
            }

            return watch.Elapsed;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<TimeSpan> BatchedAsync(byte[][] bundles, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("medibloc-ingest-");
        try
        {
            var chain = new InProcessChain();
            var deployment = await chain.DeployMediBlocContractsAsync(cancellationToken: cancellationToken);
            var client = new MediBlocClient(new MediBlocClientOptions
            {
                ChainClient = chain.CreateRpcClient(),
                RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
                ContentStore = new LocalContentStore(folder.FullName),
                Outbox = new InMemoryRecordOutbox(),
            });
            using var patient = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
            var publisher = new FhirBundlePublisher(client);
            var watch = Stopwatch.StartNew();
            foreach (var bundle in bundles)
            {
                foreach (var r in FhirBundleSplitter.Split(bundle).Resources)
                {
                    FhirCanonicalJson.ComputeHash(r.Json);
                }

                await publisher.PublishAsync(patient, bundle, cancellationToken: cancellationToken);
            }

            return watch.Elapsed;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static string? Arg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static string FindTestData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "MediBloc.Sdk.Fhir.Tests", "TestData", "synthea");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Synthea test data not found; pass --data FOLDER.");
    }
}
