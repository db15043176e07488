using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Testing;

namespace MediBloc.Benchmarks.Gas;

/// <summary>
/// Measures the gas of every contract operation on a fresh devnet chain (anvil, <c>--hardfork prague</c>).
/// <c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- gas [--json]</c>; with <c>--json</c> the
/// last output line is one JSON object mapping operation to gas used.
/// </summary>
public sealed partial class GasHarness : IHarness
{
    /// <summary>A realistic CIDv0 (46 characters) and content type for record anchors.</summary>
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string ContentType = "application/fhir+json";

    /// <inheritdoc />
    public string Name => "gas";

    /// <inheritdoc />
    public string Description => "Gas per contract operation on a fresh anvil chain (--json for one JSON object).";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var json = args.Contains("--json");
        await using var devnet = await Devnet.StartAsync(new DevnetOptions { StartIpfs = false }, cancellationToken);
        var connection = new ChainConnection(devnet.RpcUrl, devnet.Accounts[0].PrivateKey, devnet.ChainId, new ChainConnectionOptions { ReceiptPollingInterval = TimeSpan.FromMilliseconds(10) });
        var gas = new SortedDictionary<string, object>(StringComparer.Ordinal);

        var deployment = await connection.DeployAsync(ContractArtifact.RecordRegistry, cancellationToken);
        gas["deploy.RecordRegistry"] = deployment.GasUsed;
        var registry = new RecordRegistryClient(connection, deployment.ContractAddress);

        // The first anchor and later ones cost the same (each writes a fresh slot); take the median of several.
        var singles = new List<long>();
        byte[] last = [];
        for (var i = 0; i < 5; i++)
        {
            last = RandomNumberGenerator.GetBytes(32);
            singles.Add((await registry.AnchorAsync(last, Cid, ContentType, cancellationToken)).GasUsed);
        }
        gas["anchor.single"] = singles.Order().ElementAt(singles.Count / 2);
        gas["anchor.supersede"] = (await registry.SupersedeAsync(last, RandomNumberGenerator.GetBytes(32), Cid, ContentType, cancellationToken)).GasUsed;

        foreach (var size in new[] { 1, 16, 256, 1024 })
        {
            var batch = RecordBatch.Create(Enumerable.Range(0, size).Select(_ => new BatchRecord(RandomNumberGenerator.GetBytes(32), Cid, ContentType)));
            var anchored = await registry.AnchorBatchAsync(batch, Cid, cancellationToken);
            gas[$"anchor.batch.{size}.total"] = anchored.GasUsed;
            gas[$"anchor.batch.{size}.perRecord"] = Math.Round((double)anchored.GasUsed / size, 1);
        }

        var authoredRecord = await MeasureAccessAsync(devnet, connection, registry, gas, cancellationToken);
        await MeasureEconomyAsync(devnet, connection, registry, authoredRecord, gas, cancellationToken);
        Report(gas, json);
        return 0;
    }

    private static void Report(SortedDictionary<string, object> gas, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(gas));
            return;
        }
        Console.WriteLine("| Operation | Gas |");
        Console.WriteLine("|---|---:|");
        foreach (var (operation, value) in gas)
        {
            Console.WriteLine($"| `{operation}` | {Convert.ToString(value, CultureInfo.InvariantCulture)} |");
        }
    }
}
