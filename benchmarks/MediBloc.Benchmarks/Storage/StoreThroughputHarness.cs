using System.Diagnostics;
using System.Globalization;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Testing;

namespace MediBloc.Benchmarks.Storage;

/// <summary>
/// <c>store-throughput [--size-mib 256] [--ipfs-size-mib 64] [--runs 3]</c>: put and verified-read MB/s of the
/// device store (fsync on) and of the IPFS store on a devnet js-ipfs node started for the run.
/// </summary>
public sealed class StoreThroughputHarness : IHarness
{
    /// <inheritdoc />
    public string Name => "store-throughput";

    /// <inheritdoc />
    public string Description => "Local store put/get and IPFS add/cat MB/s (devnet js-ipfs)";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var size = Option(args, "--size-mib", 256) << 20;
        var ipfsSize = Option(args, "--ipfs-size-mib", 64) << 20;
        var runs = (int)Option(args, "--runs", 3);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine($"Best of {runs}; reads verify the bytes against the CID while streaming.");
        Console.WriteLine("| Store | Object (MiB) | Put MB/s | Get MB/s |");
        Console.WriteLine("|---|---:|---:|---:|");

        using (var file = BenchmarkFile.Create(size, seed: 3))
        {
            var root = Path.Combine(Path.GetTempPath(), "medibloc-bench-store-" + Guid.NewGuid().ToString("N"));
            try
            {
                var (put, get) = await MeasureAsync(
                    runs,
                    file,
                    () =>
                    {
                        if (Directory.Exists(root))
                        {
                            Directory.Delete(root, recursive: true);
                        }

                        return new LocalContentStore(root);
                    },
                    cancellationToken).ConfigureAwait(false);
                Row("LocalContentStore (fsync)", file, put, get);
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        using (var file = BenchmarkFile.Create(ipfsSize, seed: 4))
        {
            var devnet = await Devnet.StartAsync(new DevnetOptions { StartChain = false }, cancellationToken).ConfigureAwait(false);
            await using (devnet.ConfigureAwait(false))
            {
                var store = new IpfsContentStore(new KuboRpcClient(devnet.IpfsApiUrl));
                var (put, get) = await MeasureAsync(runs, file, () => store, cancellationToken).ConfigureAwait(false);
                Row("IpfsContentStore (js-ipfs 0.66, loopback)", file, put, get);
            }
        }

        return 0;
    }

    private static async Task<(TimeSpan Put, TimeSpan Get)> MeasureAsync(int runs, BenchmarkFile file, Func<IContentStore> storeFactory, CancellationToken cancellationToken)
    {
        var bestPut = TimeSpan.MaxValue;
        var bestGet = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var store = storeFactory();
            var watch = Stopwatch.StartNew();
            ContentId cid;
            using (var source = file.OpenRead())
            {
                cid = await store.PutAsync(source, cancellationToken).ConfigureAwait(false);
            }

            var put = watch.Elapsed;
            watch.Restart();
            var read = await store.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
            await using (read.ConfigureAwait(false))
            {
                await read.CopyToAsync(Stream.Null, 1 << 20, cancellationToken).ConfigureAwait(false);
            }

            var get = watch.Elapsed;
            bestPut = put < bestPut ? put : bestPut;
            bestGet = get < bestGet ? get : bestGet;
        }

        return (bestPut, bestGet);
    }

    private static void Row(string name, BenchmarkFile file, TimeSpan put, TimeSpan get) =>
        Console.WriteLine(FormattableString.Invariant($"| {name} | {file.MiB:0} | {file.Size / 1e6 / put.TotalSeconds:0} | {file.Size / 1e6 / get.TotalSeconds:0} |"));

    private static long Option(string[] args, string name, long fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
