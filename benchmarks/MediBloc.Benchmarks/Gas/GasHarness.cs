using System.Globalization;
using System.Text.Json;
using MediBloc.Sdk.Testing;
using Nethereum.JsonRpc.Client;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Benchmarks.Gas;

/// <summary>
/// Measures the gas of every contract operation (<see cref="GasWorkload"/>) on a fresh devnet chain (anvil,
/// <c>--hardfork prague</c>), and with <c>--embedded</c> on a fresh embedded chain too, same keys, inputs and times.
/// <c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- gas [--json] [--embedded]</c>; with
/// <c>--json</c> the last output line is one JSON object mapping operation to gas used (anvil's).
/// </summary>
public sealed class GasHarness : IHarness
{
    /// <inheritdoc />
    public string Name => "gas";

    /// <inheritdoc />
    public string Description => "Gas per contract operation on a fresh anvil chain (--json for one JSON object, --embedded to compare with the embedded chain).";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var json = args.Contains("--json");
        await using var devnet = await Devnet.StartAsync(new DevnetOptions { StartIpfs = false }, cancellationToken);
        var keys = devnet.Accounts.Take(10).Select(a => a.PrivateKey).ToList();
        var origin = DateTimeOffset.UtcNow.AddMinutes(5);
        var anvil = await new GasWorkload(new RpcClient(devnet.RpcUrl), devnet.ChainId, keys, origin, seed: 1).MeasureAsync(cancellationToken);
        if (args.Contains("--embedded"))
        {
            // The embedded chain's dev accounts are anvil's: same keys at nonce 0, so the same contract addresses.
            var chain = new InProcessChain();
            var embedded = await new GasWorkload(chain.CreateRpcClient(), chain.ChainId, keys, origin, seed: 1).MeasureAsync(cancellationToken);
            Console.WriteLine("| Operation | anvil | embedded | Δ |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var ((operation, a), (_, e)) in anvil.Zip(embedded))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{operation}` | {a} | {e} | {e - a:+0.#;-0.#;0} |"));
            }
            return anvil.SequenceEqual(embedded) ? 0 : 1;
        }
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new SortedDictionary<string, double>(anvil.ToDictionary(g => g.Operation, g => g.Gas), StringComparer.Ordinal)));
            return 0;
        }
        Console.WriteLine("| Operation | Gas |");
        Console.WriteLine("|---|---:|");
        foreach (var (operation, value) in anvil)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{operation}` | {value} |"));
        }
        return 0;
    }
}
