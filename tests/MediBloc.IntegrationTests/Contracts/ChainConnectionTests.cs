using MediBloc.Sdk.Crypto;
using System.Net;
using System.Net.Sockets;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records;
using Nethereum.Signer;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Contracts;

[Collection(DevnetCollection.Name)]
public sealed class ChainConnectionTests(DevnetFixture fixture)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_that_is_down_gives_NodeUnavailable_naming_the_url()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var connection = new ChainConnection(url, fixture.Devnet.Accounts[0].PrivateKey, 31337, new ChainConnectionOptions { RpcTimeout = TimeSpan.FromSeconds(5) });

        var e = await Assert.ThrowsAsync<ChainException>(() => connection.GetBlockNumberAsync().WaitAsync(HangGuard));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, e.Code);
        Assert.Equal(url, e.Endpoint);
        Assert.Contains(url.ToString(), e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public async Task A_node_that_accepts_but_never_answers_gives_NodeUnavailable_after_the_rpc_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        var acceptLoop = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await silent.AcceptSocketAsync());
            }
        });
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
        var registry = new RecordRegistryClient(
            new ChainConnection(url, fixture.Devnet.Accounts[0].PrivateKey, 31337, new ChainConnectionOptions { RpcTimeout = TimeSpan.FromSeconds(1) }),
            EvmAddress.Parse("0x0000000000000000000000000000000000000001"));

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain").WaitAsync(HangGuard));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, e.Code);
        Assert.Equal(url, e.Endpoint);
        Assert.Contains(url.ToString(), e.Message, StringComparison.Ordinal);
        silent.Stop();
        accepted.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Receipt_arrives_although_the_first_polls_find_none()
    {
        var connection = ChainTestKit.Connect(fixture.Devnet, ChainTestKit.ConnectionAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        await ChainTestKit.RpcAsync(fixture.Devnet, "evm_setAutomine", false);
        try
        {
            var anchoring = registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain");
            // Wait until the transaction is in the pool, unmined: every poll until the next block finds no receipt.
            string? hash = null;
            for (var i = 0; i < 500 && hash is null; i++)
            {
                var block = await ChainTestKit.RpcAsync(fixture.Devnet, "eth_getBlockByNumber", "pending", false);
                hash = block.GetProperty("transactions").EnumerateArray().Select(t => t.GetString()).FirstOrDefault();
                if (hash is null)
                {
                    await Task.Delay(10);
                }
            }
            Assert.NotNull(hash);
            var missing = await ChainTestKit.RpcAsync(fixture.Devnet, "eth_getTransactionReceipt", hash);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, missing.ValueKind);
            Assert.False(anchoring.IsCompleted);

            await ChainTestKit.RpcAsync(fixture.Devnet, "evm_mine");
            var anchored = await anchoring.WaitAsync(HangGuard);

            Assert.Equal(hash, anchored.TransactionHash);
        }
        finally
        {
            await ChainTestKit.RpcAsync(fixture.Devnet, "evm_setAutomine", true);
        }
    }

    [Fact]
    public async Task Receipt_wait_is_bounded_by_ReceiptTimeout_and_names_the_transaction()
    {
        var options = ChainTestKit.FastOptions();
        options.ReceiptTimeout = TimeSpan.FromMilliseconds(300);
        var registry = await RecordRegistryClient.DeployAsync(ChainTestKit.Connect(fixture.Devnet, ChainTestKit.ConnectionAccount));
        var impatient = new RecordRegistryClient(ChainTestKit.Connect(fixture.Devnet, ChainTestKit.ConnectionAccount, options), registry.ContractAddress);
        await ChainTestKit.RpcAsync(fixture.Devnet, "evm_setAutomine", false);
        ChainException e;
        try
        {
            e = await Assert.ThrowsAsync<ChainException>(() => impatient.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain").WaitAsync(HangGuard));
        }
        finally
        {
            await ChainTestKit.RpcAsync(fixture.Devnet, "evm_setAutomine", true);
            await ChainTestKit.RpcAsync(fixture.Devnet, "evm_mine");
        }

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, e.Code);
        Assert.Matches("^0x[0-9a-f]{64}$", e.TransactionHash);
        var receipt = await ChainTestKit.RpcAsync(fixture.Devnet, "eth_getTransactionReceipt", e.TransactionHash!);
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_send_the_node_rejects_resets_the_nonce_so_the_next_send_is_mined()
    {
        var deployer = ChainTestKit.Connect(fixture.Devnet, ChainTestKit.ConnectionAccount);
        var registry = await RecordRegistryClient.DeployAsync(deployer);
        var key = EthECKey.GenerateKey();
        var options = ChainTestKit.FastOptions();
        options.FixedGasLimit = 200_000; // skip estimation so the node itself rejects the unfunded send (a first anchor of a content type also indexes the type)
        options.ReceiptTimeout = TimeSpan.FromSeconds(20);
        var broke = new RecordRegistryClient(new ChainConnection(fixture.Devnet.RpcUrl, key.GetPrivateKey(), fixture.Devnet.ChainId, options), registry.ContractAddress);

        var rejected = await Assert.ThrowsAsync<ChainException>(() => broke.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain"));
        Assert.Equal(MediBlocErrorCode.ChainError, rejected.Code);

        await ChainTestKit.RpcAsync(fixture.Devnet, "anvil_setBalance", key.GetPublicAddress(), "0xDE0B6B3A7640000");
        var anchored = await broke.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain").WaitAsync(HangGuard);

        var tx = await ChainTestKit.RpcAsync(fixture.Devnet, "eth_getTransactionByHash", anchored.TransactionHash);
        Assert.Equal("0x0", tx.GetProperty("nonce").GetString());
    }

    [Fact]
    public async Task A_second_connection_for_the_same_account_taking_nonces_is_caught_up_with_not_fatal()
    {
        var deployer = ChainTestKit.Connect(fixture.Devnet, ChainTestKit.ConnectionAccount);
        var registry = await RecordRegistryClient.DeployAsync(deployer);
        var key = EthECKey.GenerateKey();
        await ChainTestKit.RpcAsync(fixture.Devnet, "anvil_setBalance", key.GetPublicAddress(), "0xDE0B6B3A7640000");
        ChainConnection Device() => new(fixture.Devnet.RpcUrl, key.GetPrivateKey(), fixture.Devnet.ChainId, ChainTestKit.FastOptions());
        var phone = new RecordRegistryClient(Device(), registry.ContractAddress);
        var laptop = new RecordRegistryClient(Device(), registry.ContractAddress);

        await phone.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain"); // the phone now counts on nonce 1
        await laptop.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain"); // takes 1
        await laptop.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain"); // takes 2
        var late = await phone.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain").WaitAsync(HangGuard);

        var tx = await ChainTestKit.RpcAsync(fixture.Devnet, "eth_getTransactionByHash", late.TransactionHash);
        Assert.Equal("0x3", tx.GetProperty("nonce").GetString());
        Assert.Equal(4, await registry.GetAnchoredEventsAsync(owner: EvmAddress.Parse(key.GetPublicAddress())).CountAsync());
    }

    [Fact]
    public async Task Two_hundred_concurrent_anchors_from_one_account_all_succeed_with_distinct_nonces()
    {
        var connection = ChainTestKit.Connect(fixture.Devnet, ChainTestKit.ConcurrencyAccount);
        var registry = await RecordRegistryClient.DeployAsync(connection);
        var before = await ChainTestKit.RpcAsync(fixture.Devnet, "eth_getTransactionCount", connection.Address, "latest");

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain"))).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(200, results.Select(r => r.TransactionHash).Distinct().Count());
        var after = await ChainTestKit.RpcAsync(fixture.Devnet, "eth_getTransactionCount", connection.Address, "latest");
        Assert.Equal(Convert.ToInt64(before.GetString(), 16) + 200, Convert.ToInt64(after.GetString(), 16));
        Assert.Equal(200, await registry.GetAnchoredEventsAsync(owner: connection.Address).CountAsync());
    }

    [Fact]
    public async Task Two_hundred_concurrent_anchors_from_twenty_accounts_all_succeed()
    {
        var deployer = ChainTestKit.Connect(fixture.Devnet, ChainTestKit.ConcurrencyAccount);
        var registry = await RecordRegistryClient.DeployAsync(deployer);
        var clients = Enumerable.Range(10, 20)
            .Select(i => new RecordRegistryClient(ChainTestKit.Connect(fixture.Devnet, i), registry.ContractAddress))
            .ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => clients[i % 20].AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "text/plain"))).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(200, results.Select(r => r.TransactionHash).Distinct().Count());
        var events = await registry.GetAnchoredEventsAsync().ToListAsync();
        Assert.Equal(200, events.Count);
        Assert.All(events.GroupBy(e => e.Owner), g => Assert.Equal(10, g.Count()));
        Assert.Equal(20, events.Select(e => e.Owner).Distinct().Count());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
