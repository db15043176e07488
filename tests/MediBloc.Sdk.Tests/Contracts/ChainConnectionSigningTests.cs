using System.Security.Cryptography;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.EmbeddedChain;
using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;
using Newtonsoft.Json.Linq;

namespace MediBloc.Sdk.Tests.Contracts;

/// <summary>The connection builds and signs its transactions itself: the envelope follows the node, the signer is checked.</summary>
public sealed class ChainConnectionSigningTests
{
    private const string Cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    /// <summary>A node from before EIP-1559: the embedded chain with the base fee taken out of its blocks.</summary>
    private sealed class PreLondonClient(InProcessChainRpcClient inner) : ClientBase
    {
        public override async Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
        {
            var response = await inner.SendAsync(rpcRequestMessage, route);
            if (rpcRequestMessage.Method is "eth_getBlockByNumber" or "eth_getBlockByHash" && response.Result is JObject block)
            {
                block.Remove("baseFeePerGas");
            }
            return response;
        }

        protected override Task<RpcResponseMessage[]> SendAsync(RpcRequestMessage[] requests) => throw new NotSupportedException();
    }

    /// <summary>Signs with another key than the one it claims.</summary>
    private sealed class WrongKeySigner(Secp256k1PublicKey claimed, Secp256k1PrivateKey actual) : MediBlocSigner
    {
        public override Secp256k1PublicKey PublicKey => claimed;

        public override ValueTask<EcdsaSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Secp256k1Ecdsa.SignHash(digest.Span, actual));
    }

    [Fact]
    public void A_connection_from_an_account_whose_key_starts_with_zero_bytes_signs_for_that_account()
    {
        // Nethereum drops leading zero bytes from an account's key hex: 31 bytes here.
        var keyHex = "0000" + Convert.ToHexString(RandomNumberGenerator.GetBytes(30)).ToLowerInvariant();
        var account = new Nethereum.Web3.Accounts.Account(keyHex, 31337);
        using var key = Secp256k1PrivateKey.FromHex(keyHex);

        var connection = new ChainConnection(new InProcessChain().CreateRpcClient(), account);

        Assert.Equal(key.Address, connection.Address);
    }

    [Fact]
    public async Task Transactions_are_EIP_1559_on_a_node_with_a_base_fee_and_legacy_on_one_without()
    {
        var chain = new InProcessChain();
        using var key = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        var modern = new ChainConnection(chain.CreateRpcClient(), new LocalKeySigner(key), chain.ChainId);
        var registry = await RecordRegistryClient.DeployAsync(modern);
        var typed = await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, "application/fhir+json");

        using var legacyKey = Secp256k1PrivateKey.FromHex(chain.Accounts[2].PrivateKey);
        var old = new ChainConnection(new PreLondonClient(chain.CreateRpcClient()), new LocalKeySigner(legacyKey), chain.ChainId);
        var legacy = await new RecordRegistryClient(old, registry.ContractAddress).AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, "application/fhir+json");

        var first = await modern.Web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(typed.TransactionHash);
        var second = await modern.Web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(legacy.TransactionHash);
        Assert.Equal(2, (int)first.Type.Value);
        Assert.Equal(0, (int)(second.Type?.Value ?? 0));
        Assert.NotNull(second.GasPrice);
        Assert.Equal(key.Address.ToString(), first.From, ignoreCase: true);
        Assert.Equal(legacyKey.Address.ToString(), second.From, ignoreCase: true);
    }

    [Fact]
    public async Task A_signer_that_signs_with_another_key_is_refused_before_anything_is_sent()
    {
        var chain = new InProcessChain();
        using var key = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        using var other = Secp256k1PrivateKey.Generate();
        var honest = new ChainConnection(chain.CreateRpcClient(), new LocalKeySigner(key), chain.ChainId);
        var registry = await RecordRegistryClient.DeployAsync(honest);
        var lying = new ChainConnection(chain.CreateRpcClient(), new WrongKeySigner(key.PublicKey, other), chain.ChainId);

        var e = await Assert.ThrowsAsync<IntegrityException>(() => new RecordRegistryClient(lying, registry.ContractAddress).AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, "application/fhir+json"));
        var after = await registry.AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), Cid, "application/fhir+json");

        Assert.Equal(IntegrityCheck.Signature, e.Check);
        Assert.True(after.BlockNumber > 0);
    }
}
