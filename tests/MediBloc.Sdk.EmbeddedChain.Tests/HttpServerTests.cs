using System.Numerics;
using System.Text;
using MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Newtonsoft.Json.Linq;

namespace MediBloc.Sdk.EmbeddedChain.Tests;

public class HttpServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Unchanged_Web3_over_HTTP_deploys_transacts_and_reads_the_same_chain()
    {
        var chain = new InProcessChain();
        await using var server = InProcessChainHttpServer.Start(chain);
        var web3 = new Web3(new Account(chain.Accounts[0].PrivateKey, chain.ChainId), server.Url.ToString());

        var deploy = await web3.Eth.GetContractDeploymentHandler<RegistryDeployment>().SendRequestAndWaitForReceiptAsync(new RegistryDeployment());
        await web3.Eth.GetContractTransactionHandler<AnchorFunction>().SendRequestAndWaitForReceiptAsync(deploy.ContractAddress, new AnchorFunction { Id = RegistryArtifact.Id(1), Value = 7 });
        var value = await web3.Eth.GetContractQueryHandler<ValueOfFunction>().QueryAsync<BigInteger>(deploy.ContractAddress, new ValueOfFunction { Id = RegistryArtifact.Id(1) });

        Assert.Equal("127.0.0.1", server.Url.Host);
        Assert.Equal(new BigInteger(7), value);
        Assert.Equal(2, chain.BlockNumber);
    }

    [Fact]
    public async Task Errors_and_batches_come_back_as_JSON_RPC()
    {
        var chain = new InProcessChain();
        await using var server = InProcessChainHttpServer.Start(chain);
        var web3 = new Web3(server.Url.ToString());

        var unknown = await Assert.ThrowsAsync<RpcResponseException>(() => web3.Client.SendRequestAsync<string>("debug_traceTransaction", null, "0x00"));
        var batch = await PostAsync(server.Url, """[{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]},{"jsonrpc":"2.0","id":"two","method":"eth_blockNumber","params":[]}]""");
        var garbage = await PostAsync(server.Url, "{not json");

        Assert.Equal(-32601, unknown.RpcError.Code);
        Assert.Equal("0x7a69", (string?)batch[0]!["result"]);
        Assert.Equal("two", (string?)batch[1]!["id"]);
        Assert.Equal("0x0", (string?)batch[1]!["result"]);
        Assert.Equal(-32700, (int)garbage["error"]!["code"]!);
    }

    private static async Task<JToken> PostAsync(Uri url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(url, content);
        return JToken.Parse(await response.Content.ReadAsStringAsync());
    }
}
