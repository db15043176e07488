using System.Diagnostics;
using System.Globalization;
using MediBloc.Samples.Quickstart;
using MediBloc.Sdk.Testing;

namespace MediBloc.Benchmarks.EmbeddedChain;

/// <summary>
/// The quickstart's wall time in its two modes, in the same run: embedded (in-process chain + local content store,
/// the default) and devnet (anvil + js-ipfs started by the launcher). For the devnet it reports the whole run a user
/// sees (start the nodes, tell the story, stop them) and, separately, the story alone against nodes already running,
/// so node start-up and per-story cost can be told apart.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- quickstart-compare [--runs 5] [--devnet-starts 1]</c></remarks>
internal sealed class QuickstartCompareHarness : IHarness
{
    public string Name => "quickstart-compare";

    public string Description => "Quickstart wall time: embedded chain + local store vs devnet (anvil + IPFS), same run";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = IntArg(args, "--runs", 5);
        var devnetStarts = IntArg(args, "--devnet-starts", 1);
        Console.WriteLine($"quickstart-compare: {runs} stories per mode, {devnetStarts} devnet start(s); {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}");

        // The first story in the process pays for JIT; it runs embedded, so it is reported on its own ("cold").
        var embedded = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            embedded.Add(await TimeStoryAsync(new QuickstartSettings(), "embedded", cancellationToken));
        }

        var devnetWhole = new List<double>();
        for (var i = 0; i < devnetStarts; i++)
        {
            devnetWhole.Add(await TimeStoryAsync(new QuickstartSettings { StartDevnet = true }, "devnet (start + story + stop)", cancellationToken));
        }

        var devnetStory = new List<double>();
        var start = Stopwatch.StartNew();
        await using (var devnet = await Devnet.StartAsync(new DevnetOptions(), cancellationToken))
        {
            var startSeconds = start.Elapsed.TotalSeconds;
            Console.WriteLine($"  devnet start alone: {startSeconds:0.00} s");
            for (var i = 0; i < runs; i++)
            {
                devnetStory.Add(await TimeStoryAsync(new QuickstartSettings { RpcUrl = devnet.RpcUrl, IpfsUrl = devnet.IpfsApiUrl }, "devnet (story, nodes running)", cancellationToken));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Quickstart mode | first run | median of the rest | runs |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("embedded chain + local store (default)", embedded);
        Row("devnet: start anvil + js-ipfs, story, stop (`--devnet`)", devnetWhole);
        Row("devnet: story alone, nodes already running (`--rpc`/`--ipfs`)", devnetStory);
        return 0;
    }

    private static async Task<double> TimeStoryAsync(QuickstartSettings settings, string label, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var watch = Stopwatch.StartNew();
        var result = await QuickstartStory.RunAsync(settings, output, cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        if (!result.Verified || result.StepsPassed != result.Steps)
        {
            throw new InvalidOperationException($"The {label} quickstart did not verify:{Environment.NewLine}{output}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: {seconds:0.000} s (chain {result.Chain}, store {result.Store}, gas {result.GasUsed})"));
        return seconds;
    }

    private static void Row(string label, List<double> seconds)
    {
        var rest = seconds.Skip(1).Order().ToList();
        var median = rest.Count == 0 ? "–" : Format(rest[rest.Count / 2]);
        Console.WriteLine($"| {label} | {Format(seconds[0])} | {median} | {seconds.Count} |");
    }

    private static string Format(double seconds) =>
        seconds >= 10 ? seconds.ToString("0.0 s", CultureInfo.InvariantCulture) : (seconds * 1000).ToString("0 ms", CultureInfo.InvariantCulture);

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
    }
}
