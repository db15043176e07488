using MediBloc.Sdk.Crypto;
using System.Numerics;
using System.Text.Json;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Testing;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Newtonsoft.Json.Linq;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>
/// One chain for a parity test: anvil (the shared devnet) or a fresh embedded chain. Either way the same
/// private keys sign (the devnet's, funded on the embedded chain too), and the test code above this class is
/// the same for both backends: <c>[Theory, MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]</c>.
/// </summary>
public sealed class ChainUnderTest
{
    /// <summary>Devnet account indexes the embedded-chain parity tests use on anvil, apart from every other test area.</summary>
    public const int FirstAccount = 20;

    private readonly Devnet _devnet;

    private ChainUnderTest(ChainBackend backend, Devnet devnet, InProcessChain? embedded)
    {
        Backend = backend;
        _devnet = devnet;
        Embedded = embedded;
        Client = embedded is null ? new RpcClient(devnet.RpcUrl) : embedded.CreateRpcClient();
    }

    /// <summary>Both backends, for <c>MemberData</c>.</summary>
    public static TheoryData<ChainBackend> Backends => new() { ChainBackend.Anvil, ChainBackend.Embedded };

    public ChainBackend Backend { get; }

    public InProcessChain? Embedded { get; }

    public IClient Client { get; }

    public long ChainId => _devnet.ChainId;

    public static ChainUnderTest Create(ChainBackend backend, Devnet devnet)
    {
        InProcessChain? embedded = null;
        if (backend == ChainBackend.Embedded)
        {
            embedded = new InProcessChain();
            // Every devnet account is funded on the embedded chain too, so a test can sign with the same key on both.
            foreach (var account in devnet.Accounts.Skip(embedded.Accounts.Count))
            {
                embedded.SetBalance(account.Address, BigInteger.Parse("10000000000000000000000", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return new ChainUnderTest(backend, devnet, embedded);
    }

    public string PrivateKey(int offset) => _devnet.Accounts[FirstAccount + offset].PrivateKey;

    public string Address(int offset) => _devnet.Accounts[FirstAccount + offset].Address;

    /// <summary>A <see cref="ChainConnection"/> for one of the test accounts, made the same way for both backends.</summary>
    public ChainConnection Connect(int offset, ChainConnectionOptions? options = null) =>
        new(Client, new Account(PrivateKey(offset), ChainId), options ?? ChainTestKit.FastOptions());

    /// <summary>A <see cref="ChainConnection"/> for any key (hex), made the same way for both backends.</summary>
    public ChainConnection ConnectKey(string privateKeyHex, ChainConnectionOptions? options = null) =>
        new(Client, new Account(privateKeyHex, ChainId), options ?? ChainTestKit.FastOptions());

    /// <summary>An unchanged Nethereum <see cref="Web3"/> for one of the test accounts.</summary>
    public Web3 Web3(int offset) => new(new Account(PrivateKey(offset), ChainId), Client);

    /// <summary>The devnet (anvil, IPFS) this chain sits beside; its accounts hold the keys both backends sign with.</summary>
    public Devnet Devnet => _devnet;

    /// <summary>A <see cref="ChainConnection"/> for devnet account <paramref name="accountIndex"/> (an absolute index, unlike <see cref="Connect"/>).</summary>
    public ChainConnection ConnectAccount(int accountIndex, ChainConnectionOptions? options = null) =>
        Backend == ChainBackend.Anvil
            ? ChainTestKit.Connect(_devnet, accountIndex, options)
            : new(Client, new Account(_devnet.Accounts[accountIndex].PrivateKey, ChainId), options ?? ChainTestKit.FastOptions());

    /// <summary>A raw JSON-RPC call: over HTTP to anvil, in-process to the embedded chain.</summary>
    public async Task<JsonElement> RpcAsync(string method, params object[] parameters)
    {
        if (Backend == ChainBackend.Anvil)
        {
            return await ChainTestKit.RpcAsync(_devnet, method, parameters);
        }
        var result = await Client.SendRequestAsync<JToken>(new RpcRequest(Guid.NewGuid().ToString("N"), method, AsJsonRpcValues(parameters)));
        using var document = JsonDocument.Parse(result.ToString(Newtonsoft.Json.Formatting.None));
        return document.RootElement.Clone();
    }

    /// <summary>The latest block's timestamp on this chain.</summary>
    public async Task<DateTimeOffset> ChainTimeAsync()
    {
        var block = await RpcAsync("eth_getBlockByNumber", "latest", false);
        return DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(block.GetProperty("timestamp").GetString(), 16));
    }

    /// <summary>Moves chain time forward (evm_increaseTime) and mines a block so views see it.</summary>
    public async Task IncreaseTimeAsync(TimeSpan by)
    {
        await RpcAsync("evm_increaseTime", (long)by.TotalSeconds);
        await RpcAsync("evm_mine");
    }

    /// <summary>
    /// Calls a contract with raw calldata (an <c>eth_call</c> from <paramref name="from"/>) and returns the revert data
    /// (0x-hex), for reverts the typed clients never send because they check their arguments first. The same
    /// Nethereum client path on both backends, so the JSON-RPC error shape (code 3, data) is compared too.
    /// </summary>
    public async Task<string> RevertDataAsync(string from, string to, string signature, string encodedArguments)
    {
        var call = new Nethereum.RPC.Eth.DTOs.CallInput { From = from, To = to, Data = ChainTestKit.Selector(signature) + encodedArguments };
        try
        {
            var result = await Client.SendRequestAsync<string>(new RpcRequest(Guid.NewGuid().ToString("N"), "eth_call", call, "latest"));
            throw new InvalidOperationException($"{signature} did not revert: {result}");
        }
        catch (RpcResponseException e) when (e.RpcError.Data?.ToString() is { } data && data.StartsWith("0x", StringComparison.Ordinal))
        {
            Assert.Equal(3, e.RpcError.Code);
            return data;
        }
    }

    /// <summary>A JSON-RPC call that must fail: its error code and message, through the same Nethereum client path on both backends.</summary>
    public async Task<(int Code, string Message)> RpcErrorAsync(string method, params object[] parameters)
    {
        try
        {
            var result = await Client.SendRequestAsync<JToken>(new RpcRequest(Guid.NewGuid().ToString("N"), method, AsJsonRpcValues(parameters)));
            throw new InvalidOperationException($"{method} did not fail: {result}");
        }
        catch (RpcResponseException e)
        {
            return (e.RpcError.Code, e.RpcError.Message);
        }
    }

    /// <summary>A fresh key with 100 ETH for gas on this chain.</summary>
    public async Task<Sdk.Crypto.Secp256k1PrivateKey> FundedKeyAsync()
    {
        var key = Sdk.Crypto.Secp256k1PrivateKey.Generate();
        await SetBalanceAsync(key.Address.ToString(), BigInteger.Parse("100000000000000000000", System.Globalization.CultureInfo.InvariantCulture));
        return key;
    }

    /// <summary>Sets a balance with anvil's cheat method, which both backends answer.</summary>
    public Task SetBalanceAsync(string address, BigInteger wei) =>
        Client.SendRequestAsync(new RpcRequest(Guid.NewGuid().ToString("N"), "anvil_setBalance", address, new HexBigInteger(wei).HexValue));

    /// <summary>Addresses as their text: the embedded chain's JSON-RPC layer serializes with Newtonsoft, which knows no <see cref="EvmAddress"/>.</summary>
    private static object[] AsJsonRpcValues(object[] parameters) =>
        [.. parameters.Select(p => p is EvmAddress address ? address.ToString() : p)];
}
