using System.Security.Cryptography;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3.Accounts;

namespace MediBloc.IntegrationTests.Contracts;

/// <summary>
/// <see cref="ChainConnectionOptions.SendAndWaitInOneCall"/>: one <c>eth_sendRawTransactionSync</c> (EIP-7966) per
/// transaction and no receipt polling on both backends; reverts still decoded; a node without the method is asked the
/// usual way, once told.
/// </summary>
public abstract class SendAndWaitInOneCallTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";

    [Fact]
    public async Task Anchors_take_one_sync_call_each_and_no_receipt_polls()
    {
        var (registry, calls) = await RegistryAsync(refuseSync: false);

        var results = new List<AnchorResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, "text/plain"));
        }

        Assert.Equal(3, calls.Count("eth_sendRawTransactionSync"));
        Assert.Equal(0, calls.Count("eth_sendRawTransaction"));
        Assert.Equal(0, calls.Count("eth_getTransactionReceipt"));
        Assert.Equal(3, results.Select(r => r.TransactionHash).Distinct().Count());
        foreach (var result in results)
        {
            var receipt = await Chain.RpcAsync("eth_getTransactionReceipt", result.TransactionHash);
            Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_mined_revert_is_still_decoded()
    {
        var (registry, calls) = await RegistryAsync(refuseSync: false, fixedGas: 300_000);
        var commitment = new Commitment(RandomNumberGenerator.GetBytes(32));
        await registry.AnchorAsync(commitment, Cid, "text/plain");

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorAsync(commitment, Cid, "text/plain"));

        Assert.Equal(MediBlocErrorCode.TransactionReverted, e.Code);
        Assert.Equal("AlreadyAnchored", e.RevertError);
        Assert.NotNull(e.TransactionHash);
        Assert.Equal(2, calls.Count("eth_sendRawTransactionSync"));
    }

    [Fact]
    public async Task A_node_without_the_method_is_asked_the_usual_way_from_then_on()
    {
        var (registry, calls) = await RegistryAsync(refuseSync: true);

        for (var i = 0; i < 3; i++)
        {
            await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, "text/plain");
        }

        Assert.Equal(1, calls.Count("eth_sendRawTransactionSync"));
        Assert.Equal(3, calls.Count("eth_sendRawTransaction"));
        Assert.True(calls.Count("eth_getTransactionReceipt") >= 3);
    }

    private async Task<(RecordRegistryClient Registry, MethodCounter Calls)> RegistryAsync(bool refuseSync, long? fixedGas = null)
    {
        var key = await FundedKeyAsync();
        var client = Chain.Embedded?.CreateRpcClient() ?? (IClient)new RpcClient(Devnet.RpcUrl);
        var calls = new MethodCounter(refuseSync);
        ((ClientBase)client).OverridingRequestInterceptor = calls;
        var options = WorkflowKit.FastOptions();
        options.SendAndWaitInOneCall = true;
        options.FixedGasLimit = fixedGas;
        var connection = new ChainConnection(client, new Account(Convert.ToHexString(key.ExportPrivateKey()), Chain.ChainId), options);
        return (new RecordRegistryClient(connection, Deployment.RecordRegistryAddress), calls);
    }

    /// <summary>Counts JSON-RPC calls by method; optionally answers <c>eth_sendRawTransactionSync</c> as a node without it does.</summary>
    private sealed class MethodCounter(bool refuseSync) : RequestInterceptor
    {
        private readonly Dictionary<string, int> _counts = [];

        public int Count(string method)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(method);
            }
        }

        public override async Task<object> InterceptSendRequestAsync<T>(Func<RpcRequest, string, Task<T>> interceptedSendRequestAsync, RpcRequest request, string? route = null)
        {
            lock (_counts)
            {
                _counts[request.Method] = _counts.GetValueOrDefault(request.Method) + 1;
            }
            if (refuseSync && request.Method == "eth_sendRawTransactionSync")
            {
                throw new RpcResponseException(new RpcError(-32601, "Method not found"));
            }
            return (await interceptedSendRequestAsync(request, route!))!;
        }
    }
}

public sealed class SendAndWaitInOneCallOnAnvilTests(DevnetFixture fixture) : SendAndWaitInOneCallTests(fixture, ChainBackend.Anvil);

public sealed class SendAndWaitInOneCallOnEmbeddedChainTests(DevnetFixture fixture) : SendAndWaitInOneCallTests(fixture, ChainBackend.Embedded);
