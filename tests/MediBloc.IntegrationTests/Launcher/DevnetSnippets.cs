using MediBloc.Sdk.Testing;

namespace MediBloc.IntegrationTests.Launcher;

public sealed class DevnetSnippets
{
    [Fact]
    public async Task Devnet_quickstart_snippet_runs()
    {
        #region Snippet:DevnetQuickstart
        await using var devnet = await Devnet.StartAsync();
        Uri rpc = devnet.RpcUrl;               // anvil's JSON-RPC, chain id 31337
        Uri ipfs = devnet.IpfsApiUrl;          // the Kubo RPC API (POST /api/v0/...)
        DevnetAccount alice = devnet.Accounts[0]; // funded with 10 000 ETH
        #endregion

        Assert.Equal("127.0.0.1", rpc.Host);
        Assert.Equal("127.0.0.1", ipfs.Host);
        Assert.StartsWith("0x", alice.PrivateKey, StringComparison.Ordinal);
        Assert.Equal(alice.Address, alice.ToString());
    }
}
