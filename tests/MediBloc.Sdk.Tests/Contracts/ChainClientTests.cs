using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;

namespace MediBloc.Sdk.Tests.Contracts;

/// <summary>A chain reached through a caller's <see cref="IClient"/> fails as a node by URL does: typed, bounded, never a hang.</summary>
public sealed class ChainClientTests : IDisposable
{
    private static readonly ChainConnectionOptions Quick = new() { RpcTimeout = TimeSpan.FromMilliseconds(300) };
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-chain-client-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Deploying_through_a_client_that_never_answers_is_NodeUnavailable_within_the_timeout()
    {
        using var deployer = Secp256k1PrivateKey.Generate();

        var ex = await Assert.ThrowsAsync<ChainException>(() => MediBlocClient.DeployContractsAsync(new SilentClient(), deployer, Quick));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, ex.Code);
        Assert.Null(ex.Endpoint);
        Assert.Contains("eth_chainId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_whose_transport_fails_is_NodeUnavailable_with_the_failure_inside()
    {
        using var deployer = Secp256k1PrivateKey.Generate();

        var ex = await Assert.ThrowsAsync<ChainException>(() => MediBlocClient.DeployContractsAsync(new FailingClient(), deployer, Quick));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, ex.Code);
        Assert.IsType<RpcClientUnknownException>(ex.InnerException);
    }

    [Fact]
    public async Task A_client_without_a_chain_id_reads_it_over_the_chain_client_and_fails_typed_when_it_cannot()
    {
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainClient = new SilentClient(), Chain = Quick, ContentStore = new LocalContentStore(_folder), Outbox = new InMemoryRecordOutbox(),
            RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        });
        using var patient = Secp256k1PrivateKey.Generate();

        var ex = await Assert.ThrowsAsync<ChainException>(() => client.GetPatientClient(patient).PublishAsync("x"u8.ToArray(), "text/plain"));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, ex.Code);
    }

    [Fact]
    public async Task Deploying_through_a_null_client_is_an_ArgumentNullException()
    {
        using var deployer = Secp256k1PrivateKey.Generate();

        await Assert.ThrowsAsync<ArgumentNullException>(() => MediBlocClient.DeployContractsAsync((IClient)null!, deployer));
    }

    /// <summary>A JSON-RPC client whose requests never complete.</summary>
    private sealed class SilentClient : ClientBase
    {
        public override Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null) =>
            new TaskCompletionSource<RpcResponseMessage>().Task;

        protected override Task<RpcResponseMessage[]> SendAsync(RpcRequestMessage[] requests) =>
            new TaskCompletionSource<RpcResponseMessage[]>().Task;
    }

    /// <summary>A JSON-RPC client whose transport fails at once.</summary>
    internal sealed class FailingClient : ClientBase
    {
        public override Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null) =>
            throw new RpcClientUnknownException("connection refused");

        protected override Task<RpcResponseMessage[]> SendAsync(RpcRequestMessage[] requests) =>
            throw new RpcClientUnknownException("connection refused");
    }
}
