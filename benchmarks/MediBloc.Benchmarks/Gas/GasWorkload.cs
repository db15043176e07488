using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3.Accounts;
using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Benchmarks.Gas;

/// <summary>
/// Every contract operation the gas table lists, run on one chain through the SDK's clients: any JSON-RPC client
/// (anvil over HTTP, the embedded chain in-process), ten funded keys (owner, grantee, relayer, delegate, emergency
/// provider, researcher, patient, two vouchers, candidate) and a time origin for every expiry and deadline. The
/// inputs are deterministic (commitments from <paramref name="seed"/>, times from <paramref name="origin"/>), so two
/// chains given the same keys (at the same nonces), seed and origin see the same calldata and must use the same gas.
/// The gas harness runs it on anvil; the integration tests run it on anvil and on the embedded chain and compare.
/// </summary>
/// <param name="client">The chain's JSON-RPC client; it must answer <c>evm_increaseTime</c> and <c>evm_mine</c>.</param>
/// <param name="chainId">The chain id to sign for.</param>
/// <param name="privateKeys">Ten funded keys, hex.</param>
/// <param name="origin">No earlier than the chain's time: expiries and deadlines are fixed offsets from it.</param>
/// <param name="seed">Seeds the record commitments.</param>
internal sealed partial class GasWorkload(IClient client, long chainId, IReadOnlyList<string> privateKeys, DateTimeOffset origin, int seed)
{
    /// <summary>A realistic CIDv0 (46 characters) and content type for record anchors.</summary>
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string ContentType = "application/fhir+json";

    private readonly Random _random = new(seed);
    private int _rpcId;

    /// <summary>The operations and their gas, in the order measured.</summary>
    public List<(string Operation, double Gas)> Gas { get; } = [];

    /// <summary>Runs every operation once (anchors five times, for a median) and returns <see cref="Gas"/>.</summary>
    public async Task<List<(string Operation, double Gas)>> MeasureAsync(CancellationToken cancellationToken = default)
    {
        var connection = Connect(0);
        var deployment = await connection.DeployAsync(ContractArtifact.RecordRegistry, cancellationToken);
        Add("deploy.RecordRegistry", deployment.GasUsed);
        var registry = new RecordRegistryClient(connection, deployment.ContractAddress);

        // The first anchor of a content type also gives the type its storage index (two slots, once per type): the
        // median of several anchors is the cost of every later one.
        var singles = new List<long>();
        byte[] last = [];
        for (var i = 0; i < 5; i++)
        {
            last = Commitment();
            singles.Add((await registry.AnchorAsync(new Commitment(last), Cid, ContentType, cancellationToken)).GasUsed);
        }
        Add("anchor.single", singles.Order().ElementAt(singles.Count / 2));
        Add("anchor.supersede", (await registry.SupersedeAsync(new Commitment(last), new Commitment(Commitment()), Cid, ContentType, cancellationToken)).GasUsed);

        foreach (var size in new[] { 1, 16, 256, 1024 })
        {
            var batch = RecordBatch.Create(Enumerable.Range(0, size).Select(_ => new BatchRecord(new Commitment(Commitment()), Cid, ContentType)));
            var anchored = await registry.AnchorBatchAsync(batch, Cid, cancellationToken);
            Add($"anchor.batch.{size}.total", anchored.GasUsed);
            Add($"anchor.batch.{size}.perRecord", Math.Round((double)anchored.GasUsed / size, 1));
            if (size == 16)
            {
                // Registering one member on its own (as sharing it does): the proof is four siblings deep.
                Add("anchor.registerFromBatch.16", (await registry.RegisterFromBatchAsync(batch.Root, batch.Records[3], batch.GetProof(3), cancellationToken)).GasUsed);
            }
        }

        var authoredRecord = await MeasureAccessAsync(connection, registry, cancellationToken);
        await MeasureEconomyAsync(connection, registry, authoredRecord, cancellationToken);
        await MeasureSearchAsync(connection, cancellationToken);
        await MeasureClaimsAsync(connection, registry, cancellationToken);
        await MeasureStudiesAsync(connection, cancellationToken);
        return Gas;
    }

    private void Add(string operation, double gas) => Gas.Add((operation, gas));

    private byte[] Commitment()
    {
        var commitment = new byte[32];
        _random.NextBytes(commitment);
        return commitment;
    }

    private string Address(int account) => new Nethereum.Signer.EthECKey(privateKeys[account]).GetPublicAddress();

    private ChainConnection Connect(int account) =>
        new(client, new Account(privateKeys[account], chainId), new ChainConnectionOptions { ReceiptPollingInterval = TimeSpan.FromMilliseconds(10) });

    private async Task IncreaseTimeAsync(TimeSpan by)
    {
        await client.SendRequestAsync(new RpcRequest(Interlocked.Increment(ref _rpcId), "evm_increaseTime", (long)Math.Ceiling(by.TotalSeconds)));
        await client.SendRequestAsync(new RpcRequest(Interlocked.Increment(ref _rpcId), "evm_mine"));
    }

    /// <summary>Moves chain time to just after <paramref name="moment"/> (a deadline from <c>origin</c>).</summary>
    private async Task PassAsync(DateTimeOffset moment)
    {
        var now = await ChainTimeAsync();
        if (moment >= now)
        {
            await IncreaseTimeAsync(moment - now + TimeSpan.FromSeconds(1));
        }
    }

    private async Task<DateTimeOffset> ChainTimeAsync()
    {
        var block = await new Nethereum.Web3.Web3(client).Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest());
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }
}
