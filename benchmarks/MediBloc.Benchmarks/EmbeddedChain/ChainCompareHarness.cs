using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Testing;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.Signer;
using TransactionFactory = Nethereum.Model.TransactionFactory;
using Nethereum.Util;
using Nethereum.Web3.Accounts;
using MediBloc.Sdk.EmbeddedChain;
using Transaction1559 = Nethereum.Model.Transaction1559;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Benchmarks.EmbeddedChain;

/// <summary>
/// Transactions/s and <c>eth_call</c>s/s on the embedded chain and on anvil, same workload, same run: RecordRegistry
/// anchors and reads through the SDK's <see cref="ChainConnection"/> (sequential and concurrent), plus where the
/// embedded chain's time goes (pre-signed transactions straight into the chain; client-side signing alone).
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- chain-compare [--transactions 300] [--calls 2000] [--concurrency 8]</c></remarks>
internal sealed class ChainCompareHarness : IHarness
{
    private const string Cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    private const string ContentType = "application/fhir+json";

    public string Name => "chain-compare";

    public string Description => "Transactions/s and eth_calls/s: embedded chain vs anvil, RecordRegistry through ChainConnection";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var transactions = IntArg(args, "--transactions", 300);
        var calls = IntArg(args, "--calls", 2000);
        var concurrency = IntArg(args, "--concurrency", 8);

        Console.WriteLine($"chain-compare: {transactions} anchors (sequential and {concurrency} in flight), {calls} eth_calls per backend; {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInfo()}");
        var devnetOptions = new DevnetOptions { StartIpfs = false, Log = Environment.GetEnvironmentVariable("CHAIN_COMPARE_LOG") is null ? null : Console.WriteLine };
        var anvilArgs = Array.IndexOf(args, "--anvil-args");
        if (anvilArgs >= 0 && anvilArgs + 1 < args.Length)
        {
            foreach (var a in args[anvilArgs + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                devnetOptions.AdditionalChainArguments.Add(a);
            }
            Console.WriteLine($"anvil arguments added: {args[anvilArgs + 1]}");
        }
        await using var devnet = await Devnet.StartAsync(devnetOptions, cancellationToken);
        var key = devnet.Accounts[0].PrivateKey;
        string[] laneKeys = [key, devnet.Accounts[1].PrivateKey, devnet.Accounts[3].PrivateKey, devnet.Accounts[4].PrivateKey];

        var rows = new List<string[]>();
        var embedded = new InProcessChain();
        // --only embedded|anvil measures one backend (anvil-node: only the node's own ceiling) (the other's column then repeats it); the comparison needs both.
        var only = StringArg(args, "--only");
        var embeddedFigures = only is "anvil" or "anvil-node" ? null : await MeasureAsync("embedded", embedded.CreateRpcClient(), laneKeys, devnet.ChainId, transactions, calls, concurrency, cancellationToken);
        List<(string Label, double Value)>? anvilFigures = null;
        if (only is not ("embedded" or "anvil-node"))
        {
            // anvil 1.7.1 rebuilds its whole state trie for every block, so each transaction costs more as the chain
            // grows: the client warms up on this node, and each sequential mode is measured on a fresh node of its own.
            var fresh = new List<Devnet>();
            try
            {
                for (var i = 0; i < 4; i++)
                {
                    fresh.Add(await Devnet.StartAsync(devnetOptions, cancellationToken));
                }
                anvilFigures = await MeasureAsync("anvil", new RpcClient(devnet.RpcUrl), laneKeys, devnet.ChainId, transactions, calls, concurrency, cancellationToken, [.. fresh.Select(d => (IClient)new RpcClient(d.RpcUrl))]);
            }
            finally
            {
                foreach (var node in fresh)
                {
                    await node.DisposeAsync();
                }
            }
        }
        embeddedFigures ??= anvilFigures ?? [];
        anvilFigures ??= embeddedFigures;
        foreach (var (label, e, a) in embeddedFigures.Zip(anvilFigures, (e, a) => (e.Label, e.Value, a.Value)))
        {
            rows.Add([label, Format(e), Format(a), (e / a).ToString("0.0×", CultureInfo.InvariantCulture)]);
        }

        var breakdown = only is "anvil" or "anvil-node" ? [] : await BreakdownAsync(key, devnet.ChainId, transactions, cancellationToken);

        var anvilCeiling = only == "embedded" ? [] : await AnvilCeilingAsync(devnet, transactions, cancellationToken);

        Console.WriteLine();
        Console.WriteLine("| Workload (RecordRegistry, ChainConnection) | embedded | anvil | embedded / anvil |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {string.Join(" | ", row)} |");
        }
        Console.WriteLine();
        Console.WriteLine("| Embedded chain alone | figure |");
        Console.WriteLine("|---|---:|");
        foreach (var (label, value) in breakdown)
        {
            Console.WriteLine($"| {label} | {value} |");
        }
        if (anvilCeiling.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| anvil alone (no SDK) | figure |");
            Console.WriteLine("|---|---:|");
            foreach (var (label, value) in anvilCeiling)
            {
                Console.WriteLine($"| {label} | {value} |");
            }
        }
        return 0;
    }

    private static async Task<List<(string Label, double Value)>> MeasureAsync(string backend, IClient client, IReadOnlyList<string> keys, long chainId, int transactions, int calls, int concurrency, CancellationToken cancellationToken, IReadOnlyList<IClient>? measuredPerLane = null)
    {
        // Four sequential lanes, each an account with its own connection: the default options (eth_estimateGas per
        // send, receipt polled), a fixed gas limit (no estimate; a revert is decoded from the mined receipt), and both
        // again with SendAndWaitInOneCall (eth_sendRawTransactionSync: the receipt comes with the answer).
        static ChainConnectionOptions Options(bool fixedGas, bool sync) => new()
        {
            ReceiptPollingInterval = TimeSpan.FromMilliseconds(5),
            FixedGasLimit = fixedGas ? 150_000 : null,
            SendAndWaitInOneCall = sync,
        };
        (string Label, ChainConnectionOptions Options)[] modes =
        [
            ("anchors/s, sequential (estimate + sign + send + receipt)", Options(false, false)),
            ("anchors/s, sequential, FixedGasLimit (sign + send + receipt)", Options(true, false)),
            ("anchors/s, sequential, SendAndWaitInOneCall (estimate + sign + send with receipt)", Options(false, true)),
            ("anchors/s, sequential, FixedGasLimit + SendAndWaitInOneCall (sign + send with receipt)", Options(true, true)),
        ];
        async Task<RecordRegistryClient[]> LanesAsync(IReadOnlyList<IClient> on)
        {
            var lanes = new RecordRegistryClient[modes.Length];
            for (var i = 0; i < modes.Length; i++)
            {
                var signer = new LocalKeySigner(Secp256k1PrivateKey.FromHex(keys[i]));
                var address = i > 0 && ReferenceEquals(on[i], on[0])
                    ? lanes[0].ContractAddress
                    : (await RecordRegistryClient.DeployAsync(new ChainConnection(on[i], signer, chainId, modes[0].Options), cancellationToken)).ContractAddress;
                lanes[i] = new RecordRegistryClient(new ChainConnection(on[i], signer, chainId, modes[i].Options), address);
            }
            return lanes;
        }

        // Warm-up: JIT (the embedded chain's interpreter reaches its optimised tier only after many runs), connection
        // pool, the first storage writes.
        var lanes = await LanesAsync([client, client, client, client]);
        foreach (var lane in lanes)
        {
            for (var i = 0; i < 100; i++)
            {
                await lane.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, ContentType, cancellationToken);
            }
        }
        if (measuredPerLane is not null)
        {
            lanes = await LanesAsync(measuredPerLane);
        }
        var registry = lanes[0];
        var owner = new LocalKeySigner(Secp256k1PrivateKey.FromHex(keys[0])).Address;

        // The sequential modes alternate in rounds of 25, each timed on its own stopwatch: a node that slows as its
        // chain grows (anvil does) then weighs on all alike, and all run on equally warmed code.
        var watches = modes.Select(_ => new Stopwatch()).ToArray();
        var anchored = new List<byte[]>(transactions);
        for (var done = 0; done < transactions; done += 25)
        {
            var round = Math.Min(25, transactions - done);
            for (var lane = 0; lane < lanes.Length; lane++)
            {
                watches[lane].Start();
                for (var i = 0; i < round; i++)
                {
                    var commitment = RandomNumberGenerator.GetBytes(32);
                    await lanes[lane].AnchorAsync(new Commitment(commitment), Cid, ContentType, cancellationToken);
                    if (lane == 0)
                    {
                        anchored.Add(commitment);
                    }
                }
                watches[lane].Stop();
            }
        }

        var concurrent = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(concurrency))
        {
            await Task.WhenAll(Enumerable.Range(0, transactions).Select(async _ =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, ContentType, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        concurrent.Stop();

        var reads = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            _ = await registry.GetRecordAsync(owner, new Commitment(anchored[i % anchored.Count]), cancellationToken) ?? throw new InvalidOperationException("An anchored record was not found.");
        }
        reads.Stop();

        Console.WriteLine($"  {backend}: sequential {watches[0].Elapsed.TotalSeconds:0.00} s, concurrent {concurrent.Elapsed.TotalSeconds:0.00} s, reads {reads.Elapsed.TotalSeconds:0.00} s");
        return
        [
            .. modes.Select((m, i) => (m.Label, transactions / watches[i].Elapsed.TotalSeconds)),
            ($"anchors/s, {concurrency} in flight", transactions / concurrent.Elapsed.TotalSeconds),
            ("getRecord eth_calls/s, sequential", calls / reads.Elapsed.TotalSeconds),
        ];
    }

    private static async Task<List<(string Label, string Value)>> BreakdownAsync(string key, long chainId, int transactions, CancellationToken cancellationToken)
    {
        var chain = new InProcessChain();
        var connection = new ChainConnection(chain.CreateRpcClient(), new Account(key, chainId));
        var registry = await RecordRegistryClient.DeployAsync(connection, cancellationToken);
        var function = new Nethereum.Web3.Web3(chain.CreateRpcClient()).Eth.GetContract(ContractArtifact.RecordRegistry.Abi, registry.ContractAddress.ToString()).GetFunction("anchor");
        var ecKey = new EthECKey(key);
        var sender = ecKey.GetPublicAddress();
        var signer = new Transaction1559Signer();
        var nonce = chain.GetTransactionCount(sender);

        var signing = Stopwatch.StartNew();
        var raw = new List<string>(transactions);
        for (var i = 0; i < transactions; i++)
        {
            var data = function.GetData(RandomNumberGenerator.GetBytes(32), Cid, ContentType);
            var tx = new Transaction1559(chainId, nonce + i, 1_000_000_000, 3_000_000_000, 100_000, registry.ContractAddress.ToString(), 0, data, null);
            raw.Add(signer.SignTransaction(ecKey, tx).EnsureHexPrefix());
        }
        signing.Stop();

        var sdkSigner = new LocalKeySigner(Secp256k1PrivateKey.FromHex(key));
        var sdkSigning = Stopwatch.StartNew();
        for (var i = 0; i < transactions; i++)
        {
            var data = function.GetData(RandomNumberGenerator.GetBytes(32), Cid, ContentType).HexToByteArray();
            var tx = new EvmTransaction { ChainId = chainId, Nonce = (long)(nonce + i), MaxPriorityFeePerGas = 1_000_000_000, MaxFeePerGas = 3_000_000_000, GasLimit = 100_000, To = registry.ContractAddress, Data = data };
            _ = await sdkSigner.SignTransactionAsync(tx, cancellationToken);
        }
        sdkSigning.Stop();

        var recovering = Stopwatch.StartNew();
        foreach (var r in raw)
        {
            _ = TransactionVerificationAndRecovery.GetSenderAddress(TransactionFactory.CreateTransaction(r.HexToByteArray()));
        }
        recovering.Stop();

        var mining = Stopwatch.StartNew();
        foreach (var r in raw)
        {
            await chain.SendRawTransactionAsync(r, cancellationToken);
        }
        mining.Stop();

        var call = new Nethereum.RPC.Eth.DTOs.CallInput { To = registry.ContractAddress.ToString(), Data = function.GetData(RandomNumberGenerator.GetBytes(32), Cid, ContentType), From = sender };
        var estimating = Stopwatch.StartNew();
        for (var i = 0; i < transactions; i++)
        {
            await chain.EstimateGasAsync(call, cancellationToken: cancellationToken);
        }
        estimating.Stop();

        static string PerOp(TimeSpan t, int n) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds * 1000 / n:0} µs");
        return
        [
            ("pre-signed anchors into SendRawTransactionAsync (decode, recover sender, validate, execute, commit)", PerSecond(mining.Elapsed, transactions)),
            ("  per transaction", PerOp(mining.Elapsed, transactions)),
            ("for comparison: Nethereum's own sender recovery, which the chain no longer uses", PerOp(recovering.Elapsed, transactions)),
            ("client-side signing, Nethereum Transaction1559Signer", PerOp(signing.Elapsed, transactions)),
            ("client-side signing, SDK LocalKeySigner (what ChainConnection uses)", PerOp(sdkSigning.Elapsed, transactions)),
            ("eth_estimateGas for an anchor (direct)", PerOp(estimating.Elapsed, transactions)),
        ];
    }

    /// <summary>
    /// The node's own ceiling: anchors signed beforehand (a fresh registry, the third dev account), sent one by one as
    /// raw JSON-RPC with the receipt read after each, as <see cref="ChainConnection"/> does but with nothing of the SDK
    /// between; then the same with only <c>eth_sendRawTransaction</c>.
    /// </summary>
    private static async Task<List<(string Label, string Value)>> AnvilCeilingAsync(Devnet devnet, int transactions, CancellationToken cancellationToken)
    {
        var key = devnet.Accounts[2].PrivateKey;
        var connection = new ChainConnection(new RpcClient(devnet.RpcUrl), new LocalKeySigner(Secp256k1PrivateKey.FromHex(key)), devnet.ChainId);
        var registry = await RecordRegistryClient.DeployAsync(connection, cancellationToken);
        var function = new Nethereum.Web3.Web3(new RpcClient(devnet.RpcUrl)).Eth.GetContract(ContractArtifact.RecordRegistry.Abi, registry.ContractAddress.ToString()).GetFunction("anchor");
        var signer = new LocalKeySigner(Secp256k1PrivateKey.FromHex(key));
        using var http = new HttpClient { BaseAddress = devnet.RpcUrl };
        var id = 0;
        async Task<System.Text.Json.JsonElement> Rpc(string method, params object[] parameters)
        {
            using var response = await http.PostAsync("", System.Net.Http.Json.JsonContent.Create(new { jsonrpc = "2.0", id = ++id, method, @params = parameters }), cancellationToken);
            using var doc = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return doc.RootElement.TryGetProperty("result", out var result) ? result.Clone() : throw new InvalidOperationException(doc.RootElement.GetRawText());
        }
        var nonce = (long)(await Rpc("eth_getTransactionCount", connection.Address.ToString(), "pending")).GetString()!.HexToBigInteger(false);
        var raw = new List<string>(2 * transactions);
        for (var i = 0; i < 2 * transactions; i++)
        {
            var data = function.GetData(RandomNumberGenerator.GetBytes(32), Cid, ContentType).HexToByteArray();
            var tx = new EvmTransaction { ChainId = devnet.ChainId, Nonce = nonce + i, MaxPriorityFeePerGas = 1_000_000_000, MaxFeePerGas = 30_000_000_000, GasLimit = 150_000, To = registry.ContractAddress, Data = data };
            raw.Add("0x" + Convert.ToHexStringLower(await signer.SignTransactionAsync(tx, cancellationToken)));
        }

        var missed = 0;
        var withReceipts = Stopwatch.StartNew();
        for (var i = 0; i < transactions; i++)
        {
            var hash = (await Rpc("eth_sendRawTransaction", raw[i])).GetString()!;
            // anvil answers the send before its automine has sealed the block: ask again until the receipt is there.
            while ((await Rpc("eth_getTransactionReceipt", hash)).ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                missed++;
            }
        }
        withReceipts.Stop();

        var sendOnly = Stopwatch.StartNew();
        for (var i = transactions; i < 2 * transactions; i++)
        {
            _ = await Rpc("eth_sendRawTransaction", raw[i]);
        }
        sendOnly.Stop();
        return
        [
            ("pre-signed anchors, eth_sendRawTransaction + eth_getTransactionReceipt, one at a time", PerSecond(withReceipts.Elapsed, transactions)),
            ("pre-signed anchors, eth_sendRawTransaction only, one at a time", PerSecond(sendOnly.Elapsed, transactions)),
            ("  receipt asked for and not there yet, per transaction", (missed / (double)transactions).ToString("0.00", CultureInfo.InvariantCulture)),
        ];
    }

    private static string PerSecond(TimeSpan t, int n) => string.Create(CultureInfo.InvariantCulture, $"{n / t.TotalSeconds:0} /s");

    private static string Format(double perSecond) => perSecond.ToString(perSecond >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);

    private static string RuntimeInfo() =>
        string.Create(CultureInfo.InvariantCulture, $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
    }
}
