using MediBloc.Sdk.Crypto;
using System.Globalization;
using System.Numerics;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Benchmarks.Gas;
using MediBloc.Sdk.Records;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Xunit.Abstractions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.EmbeddedChain;

/// <summary>
/// The same transactions on anvil and on the embedded chain use the same gas: our RecordRegistry through the
/// SDK's <see cref="ChainConnection"/> and <see cref="RecordRegistryClient"/>, and the embedded chain's test
/// contract through unchanged Nethereum <c>Web3</c> code.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class GasParityTests(DevnetFixture fixture, ITestOutputHelper output)
{
    private const string CidV0 = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string CidV1 = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    [Fact]
    public async Task RecordRegistry_deploys_and_anchors_through_ChainConnection_with_anvils_gas()
    {
        var anvil = await RunRecordRegistryAsync(ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet));
        var embedded = await RunRecordRegistryAsync(ChainUnderTest.Create(ChainBackend.Embedded, fixture.Devnet));

        Report(anvil, embedded);
        Assert.Equal(anvil, embedded);
    }

    [Fact]
    public async Task Provider_authored_anchor_calls_grants_and_credentials_across_contracts_with_anvils_gas()
    {
        var anvil = await RunAuthoringAsync(ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet));
        var embedded = await RunAuthoringAsync(ChainUnderTest.Create(ChainBackend.Embedded, fixture.Devnet));

        Report(anvil, embedded);
        // Every row but the write grant's has the same inputs on both chains and must cost the same. The write grant's
        // signature is made for each chain's own contract address, so its recovery id differs between the runs and
        // moves its decoding by up to 20 gas: within 1 % (the seeded workload test compares it exactly).
        Assert.Equal(anvil.Select(a => a.Item1), embedded.Select(e => e.Item1));
        foreach (var (a, e) in anvil.Zip(embedded))
        {
            if (a.Item1 == "AccessGrants: submitWriteGrant")
            {
                Assert.InRange(e.Item2, a.Item2 * 0.99, a.Item2 * 1.01);
            }
            else
            {
                Assert.Equal(a, e);
            }
        }
    }

    [Fact]
    public async Task Storage_writes_refunds_loops_creates_transient_storage_and_out_of_gas_use_anvils_gas_through_Web3()
    {
        var anvil = await RunTestRegistryAsync(ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet));
        var embedded = await RunTestRegistryAsync(ChainUnderTest.Create(ChainBackend.Embedded, fixture.Devnet));

        Report(anvil, embedded);
        Assert.Equal(anvil, embedded);
    }

    [Fact]
    public async Task Every_operation_of_the_gas_harness_uses_the_same_gas_and_the_same_estimates_on_both_backends()
    {
        // Fresh keys at nonce 0 on both chains (so the same contract addresses), one seed and one time origin: the
        // same calldata on both, so any difference in gas (or in eth_estimateGas) is the chain's.
        var keys = Enumerable.Range(0, 10).Select(_ => EthECKey.GenerateKey().GetPrivateKey()).ToList();
        var anvil = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var embedded = ChainUnderTest.Create(ChainBackend.Embedded, fixture.Devnet);
        foreach (var chain in new[] { anvil, embedded })
        {
            foreach (var key in keys)
            {
                await chain.SetBalanceAsync(new EthECKey(key).GetPublicAddress(), BigInteger.Pow(10, 22));
            }
        }
        var latest = new[] { await anvil.ChainTimeAsync(), await embedded.ChainTimeAsync() }.Max();
        var origin = latest.AddDays(1);
        var seed = Random.Shared.Next();

        var (anvilEstimates, embeddedEstimates) = (new EstimateRecorder(), new EstimateRecorder());
        anvil.Client.OverridingRequestInterceptor = anvilEstimates;
        embedded.Client.OverridingRequestInterceptor = embeddedEstimates;

        var onAnvil = await new GasWorkload(anvil.Client, anvil.ChainId, keys, origin, seed).MeasureAsync();
        var onEmbedded = await new GasWorkload(embedded.Client, embedded.ChainId, keys, origin, seed).MeasureAsync();

        Report(onAnvil, onEmbedded);
        Assert.True(onAnvil.Count >= 38, $"{onAnvil.Count} operations");
        Assert.Equal(onAnvil.Select(g => g.Operation), onEmbedded.Select(g => g.Operation));
        Assert.All(onAnvil.Zip(onEmbedded), pair => Assert.InRange(pair.Second.Gas, pair.First.Gas * 0.99, pair.First.Gas * 1.01));
        Assert.Equal(onAnvil, onEmbedded);
        // The issue-13 budgets of the record registry v2.
        Assert.InRange(onAnvil.Single(g => g.Operation == "anchor.single").Gas, 21_000, 60_000);
        Assert.InRange(onAnvil.Single(g => g.Operation == "anchor.batch.1024.perRecord").Gas, 1, 100);
        // Every transaction's gas limit came from eth_estimateGas, and the estimates are the same too.
        Assert.True(anvilEstimates.Estimates.Count >= 80, $"{anvilEstimates.Estimates.Count} estimates");
        Assert.Equal(anvilEstimates.Estimates, embeddedEstimates.Estimates);
    }

    private static async Task<List<(string Operation, long Gas)>> RunRecordRegistryAsync(ChainUnderTest chain)
    {
        var gas = new List<(string, long)>();
        var connection = chain.Connect(0);
        var deployment = await connection.DeployAsync(ContractArtifact.RecordRegistry);
        gas.Add(("RecordRegistry: deploy", deployment.GasUsed));
        var registry = new RecordRegistryClient(connection, deployment.ContractAddress);

        var first = await registry.AnchorAsync(new Commitment(Commitment(1)), CidV0, "application/fhir+json");
        gas.Add(("RecordRegistry: anchor (CIDv0, fhir+json)", first.GasUsed));
        var second = await registry.AnchorAsync(new Commitment(Commitment(2)), CidV1, "application/dicom");
        gas.Add(("RecordRegistry: anchor (CIDv1, dicom)", second.GasUsed));
        var other = await new RecordRegistryClient(chain.Connect(1), deployment.ContractAddress).AnchorAsync(new Commitment(Commitment(3)), CidV1, "text/plain");
        gas.Add(("RecordRegistry: anchor (second account)", other.GasUsed));

        var estimate = await chain.Web3(0).Eth.GetContract(ContractArtifact.RecordRegistry.Abi, deployment.ContractAddress.ToString()).GetFunction("anchor")
            .EstimateGasAsync(chain.Address(0), null, null, Commitment(4), CidV0, "application/fhir+json");
        gas.Add(("RecordRegistry: eth_estimateGas for an anchor", (long)estimate.Value));

        var options = ChainTestKit.FastOptions();
        options.FixedGasLimit = 200_000;
        var fixedGas = new RecordRegistryClient(chain.Connect(0, options), deployment.ContractAddress);
        var reverted = await Assert.ThrowsAsync<ChainException>(() => fixedGas.AnchorAsync(new Commitment(Commitment(1)), CidV0, "application/fhir+json"));
        Assert.Equal(MediBlocErrorCode.TransactionReverted, reverted.Code);
        Assert.Equal("AlreadyAnchored", reverted.RevertError);
        gas.Add(("RecordRegistry: AlreadyAnchored revert mined (status 0)", await GasUsedAsync(chain, reverted.TransactionHash!)));
        return gas;
    }

    /// <summary>
    /// Account 0 deploys and wires the suite and signs a write grant for account 1 (a certified provider), who anchors a
    /// record into account 0's record: <c>anchorFor</c> makes two cross-contract view calls (credentials, grants).
    /// </summary>
    private static async Task<List<(string Operation, long Gas)>> RunAuthoringAsync(ChainUnderTest chain)
    {
        var gas = new List<(string, long)>();
        var admin = chain.Connect(0);
        var registry = await RecordRegistryClient.DeployAsync(admin);
        var credentialsDeployment = await admin.DeployAsync(ContractArtifact.Credentials);
        gas.Add(("Credentials: deploy", credentialsDeployment.GasUsed));
        var credentials = new Sdk.Contracts.Credentials.CredentialsClient(admin, credentialsDeployment.ContractAddress);
        var grants = await Sdk.Contracts.AccessGrants.AccessGrantsClient.DeployAsync(admin, registry.ContractAddress);
        gas.Add(("RecordRegistry: configureAuthoring", (await registry.ConfigureAuthoringAsync(grants.ContractAddress, credentials.ContractAddress)).GasUsed));
        await credentials.SetAuthorityAsync(admin.Address, true);
        // A fixed far expiry: both chains' clocks are before it, and its calldata bytes are the same on both.
        var expiry = DateTimeOffset.FromUnixTimeSeconds(7_258_118_400);
        gas.Add(("Credentials: certify", (await credentials.CertifyAsync(EvmAddress.Parse(chain.Address(1)), Sdk.Contracts.Credentials.CredentialRole.Provider, expiry)).GasUsed));

        using var ownerKey = Sdk.Crypto.Secp256k1PrivateKey.FromHex(chain.PrivateKey(0));
        var author = new RecordRegistryClient(chain.Connect(1), registry.ContractAddress);
        var denied = await Assert.ThrowsAsync<ChainException>(() => author.AnchorForAsync(EvmAddress.Parse(chain.Address(0)), new Commitment(Commitment(9)), CidV0, "application/fhir+json", "TREAT"));
        Assert.Equal("NoWriteConsent", denied.RevertError);

        // The grant's digest names the contract, whose address differs per chain: draw salts until the signature holds no
        // zero byte, so its calldata costs the same on both chains.
        Sdk.Contracts.AccessGrants.SignedWriteGrant signed;
        var salt = 0;
        do
        {
            var grant = new Sdk.Contracts.AccessGrants.WriteGrant(EvmAddress.Parse(chain.Address(0)), EvmAddress.Parse(chain.Address(1)), Sdk.Contracts.AccessGrants.AccessScope.ForContentType("application/fhir+json"), "TREAT", expiry, Commitment(++salt));
            signed = grants.SignWriteGrant(grant, ownerKey);
        }
        while (Convert.FromHexString(signed.Signature[2..]).Contains((byte)0));
        gas.Add(("AccessGrants: submitWriteGrant", (await grants.SubmitWriteGrantAsync(signed)).GasUsed));
        gas.Add(("RecordRegistry: anchorFor (CIDv0, fhir+json)", (await author.AnchorForAsync(EvmAddress.Parse(chain.Address(0)), new Commitment(Commitment(10)), CidV0, "application/fhir+json", "TREAT")).GasUsed));
        gas.Add(("RecordRegistry: anchorFor (CIDv1)", (await author.AnchorForAsync(EvmAddress.Parse(chain.Address(0)), new Commitment(Commitment(11)), CidV1, "application/fhir+json", "TREAT")).GasUsed));
        return gas;
    }

    private static async Task<List<(string Operation, long Gas)>> RunTestRegistryAsync(ChainUnderTest chain)
    {
        var gas = new List<(string, long)>();
        var web3 = chain.Web3(2);
        var from = chain.Address(2);
        var deploy = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(TestRegistry.Abi, TestRegistry.Bytecode, from, new HexBigInteger(3_000_000));
        gas.Add(("Registry: deploy", (long)deploy.GasUsed.Value));
        var contract = web3.Eth.GetContract(TestRegistry.Abi, deploy.ContractAddress);

        async Task SendAsync(string label, string function, long? gasLimit, params object[] args)
        {
            var f = contract.GetFunction(function);
            var limit = gasLimit is { } g ? new HexBigInteger(g) : await f.EstimateGasAsync(from, null, null, args);
            var receipt = await f.SendTransactionAndWaitForReceiptAsync(from, limit, null, null, args);
            gas.Add((label + (receipt.Status.Value.IsZero ? " (status 0)" : string.Empty), (long)receipt.GasUsed.Value));
        }

        await SendAsync("Registry: anchor (3 new slots, event)", "anchor", null, TestRegistry.Id(1), BigInteger.One);
        await SendAsync("Registry: anchor (count slot warm-dirty)", "anchor", null, TestRegistry.Id(2), new BigInteger(2));
        await SendAsync("Registry: update (slot rewrite, event)", "update", null, TestRegistry.Id(1), new BigInteger(3));
        await SendAsync("Registry: clear (two slots to zero, refund)", "clear", null, TestRegistry.Id(1));
        await SendAsync("Registry: burn 50 rounds (keccak loop)", "burn", null, new BigInteger(50));
        await SendAsync("Registry: transient store/load", "transient", null, new BigInteger(5));
        await SendAsync("Registry: spawn (CREATE with immutable)", "spawn", null);
        var stranger = chain.Web3(3).Eth.GetContract(TestRegistry.Abi, deploy.ContractAddress).GetFunction("update");
        var notOwner = await stranger.SendTransactionAndWaitForReceiptAsync(chain.Address(3), new HexBigInteger(100_000), null, null, TestRegistry.Id(2), BigInteger.One);
        Assert.Equal(BigInteger.Zero, notOwner.Status.Value);
        gas.Add(("Registry: update by non-owner, NotOwner revert mined", (long)notOwner.GasUsed.Value));
        await SendAsync("Registry: burn 10 000 rounds, out of gas", "burn", 60_000, new BigInteger(10_000));

        var transfer = await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(deploy.ContractAddress, 0.5m);
        gas.Add(("Registry: receive() 0.5 ETH", (long)transfer.GasUsed.Value));
        var plain = await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync("0x00000000000000000000000000000000000000e1", 1m);
        gas.Add(("Plain ETH transfer", (long)plain.GasUsed.Value));
        return gas;
    }

    private static async Task<long> GasUsedAsync(ChainUnderTest chain, string hash)
    {
        var receipt = await chain.Web3(0).Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);
        Assert.Equal(BigInteger.Zero, receipt.Status.Value);
        return (long)receipt.GasUsed.Value;
    }

    private static byte[] Commitment(int n)
    {
        var c = new byte[32];
        c[0] = 0xc0;
        c[31] = (byte)n;
        return c;
    }

    private void Report(List<(string Operation, long Gas)> anvil, List<(string Operation, long Gas)> embedded) =>
        Report([.. anvil.Select(g => (g.Operation, (double)g.Gas))], [.. embedded.Select(g => (g.Operation, (double)g.Gas))]);

    private void Report(List<(string Operation, double Gas)> anvil, List<(string Operation, double Gas)> embedded)
    {
        var table = new StringBuilder("| Operation | anvil | embedded | Δ |\n|---|---:|---:|---:|\n");
        foreach (var (a, e) in anvil.Zip(embedded))
        {
            table.Append(CultureInfo.InvariantCulture, $"| {a.Operation} | {a.Gas:#,0.#} | {e.Gas:#,0.#} | {e.Gas - a.Gas:+0.#;-0.#;0} |\n");
        }
        output.WriteLine(table.ToString());
    }
}
