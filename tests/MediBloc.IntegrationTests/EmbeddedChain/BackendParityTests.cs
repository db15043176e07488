using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.Signer;
using Transaction1559 = Nethereum.Model.Transaction1559;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.EmbeddedChain;

/// <summary>
/// One set of tests, run against both backends: the SDK's contract client and unchanged Nethereum code see the
/// same results and the same typed errors on anvil and on the embedded chain. This is the pattern for running
/// the rest of the integration suite on both: take a <see cref="ChainBackend"/> from
/// <see cref="ChainUnderTest.Backends"/> and build connections with <see cref="ChainUnderTest.Connect"/>.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class BackendParityTests(DevnetFixture fixture)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private const string FhirJson = "application/fhir+json";
    private const int Owner = 4;
    private const int Other = 5;

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Anchor_then_read_the_record_and_its_events(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var alice = chain.Connect(Owner);
        var registry = await RecordRegistryClient.DeployAsync(alice);
        var bob = new RecordRegistryClient(chain.Connect(Other), registry.ContractAddress);
        var commitment = ChainTestKit.RandomCommitment();

        var anchored = await registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson);
        await bob.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, "application/dicom");
        var record = await registry.GetRecordAsync(alice.Address, new Commitment(commitment));
        var alices = await registry.GetAnchoredEventsAsync(owner: alice.Address).ToListAsync();
        var byCommitment = await registry.GetAnchoredEventsAsync(new Commitment(commitment)).ToListAsync();

        Assert.NotNull(record);
        Assert.Equal(alice.Address, record.Owner);
        Assert.Equal(anchored.AnchoredAt, record.AnchoredAt);
        Assert.Equal(ContentTypeId.Of(FhirJson), record.ContentTypeId);
        var e = Assert.Single(alices);
        Assert.Equal(anchored.TransactionHash, e.TransactionHash);
        Assert.Equal(anchored.BlockNumber, e.BlockNumber);
        Assert.Equal(Cid, e.Cid);
        Assert.Equal(FhirJson, e.ContentType);
        Assert.Equal(anchored.TransactionHash, Assert.Single(byCommitment).TransactionHash);
        Assert.Null(await registry.GetRecordAsync(alice.Address, new Commitment(ChainTestKit.RandomCommitment())));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_second_anchor_is_the_typed_AlreadyAnchored_revert_caught_by_estimation(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.Connect(Owner));
        var commitment = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson);

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson));

        Assert.Equal(MediBlocErrorCode.TransactionReverted, e.Code);
        Assert.Equal("AlreadyAnchored", e.RevertError);
        Assert.Single(e.RevertArguments);
        Assert.Null(e.TransactionHash);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_mined_revert_is_decoded_by_replaying_it_at_the_block_before(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var options = ChainTestKit.FastOptions();
        options.FixedGasLimit = 200_000;
        var deployed = await RecordRegistryClient.DeployAsync(chain.Connect(Owner));
        var registry = new RecordRegistryClient(chain.Connect(Owner, options), deployed.ContractAddress);
        var commitment = ChainTestKit.RandomCommitment();
        await registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson);

        var e = await Assert.ThrowsAsync<ChainException>(() => registry.AnchorAsync(new Commitment(commitment), Cid, FhirJson));

        Assert.Equal(MediBlocErrorCode.TransactionReverted, e.Code);
        Assert.Equal("AlreadyAnchored", e.RevertError);
        Assert.Matches("^0x[0-9a-f]{64}$", e.TransactionHash);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_deployment_out_of_gas_is_TransactionReverted_without_a_revert_error(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var options = ChainTestKit.FastOptions();
        // Above the intrinsic gas and the EIP-7623 floor of the deployment (on both chains), below its code-deposit cost.
        options.FixedGasLimit = 300_000;

        var e = await Assert.ThrowsAsync<ChainException>(() => chain.Connect(Owner, options).DeployAsync(ContractArtifact.RecordRegistry));

        Assert.True(e.Code == MediBlocErrorCode.TransactionReverted, $"{e.Code}: {e.Message}");
        Assert.Null(e.RevertError);
        Assert.Contains("out of gas", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.TransactionHash);
        var receipt = await chain.Web3(Owner).Eth.Transactions.GetTransactionReceipt.SendRequestAsync(e.TransactionHash);
        Assert.Equal(new BigInteger(300_000), receipt.GasUsed.Value);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task An_unfunded_sender_is_rejected_as_a_ChainError_and_the_next_send_after_funding_uses_nonce_0(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.Connect(Owner));
        var key = EthECKey.GenerateKey();
        var options = ChainTestKit.FastOptions();
        options.FixedGasLimit = 200_000; // a first anchor of a content type also indexes the type
        var broke = new RecordRegistryClient(new ChainConnection(chain.Client, new Nethereum.Web3.Accounts.Account(key, chain.ChainId), options), registry.ContractAddress);

        var rejected = await Assert.ThrowsAsync<ChainException>(() => broke.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson));
        await chain.SetBalanceAsync(key.GetPublicAddress(), BigInteger.Pow(10, 18));
        var anchored = await broke.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);

        Assert.Equal(MediBlocErrorCode.ChainError, rejected.Code);
        Assert.Contains("insufficient funds", rejected.Message, StringComparison.OrdinalIgnoreCase);
        var tx = await chain.Web3(Owner).Eth.Transactions.GetTransactionByHash.SendRequestAsync(anchored.TransactionHash);
        Assert.Equal(BigInteger.Zero, tx.Nonce.Value);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_reused_nonce_is_rejected_as_nonce_too_low(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var web3 = chain.Web3(Owner);
        await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(chain.Address(Other), 0.001m);
        var used = (await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(chain.Address(Owner))).Value - 1;

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() => web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(Sign(chain, used, chain.ChainId)));

        Assert.Contains("nonce too low", ex.RpcError.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_transaction_signed_for_another_chain_is_rejected_naming_the_chain_id(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var web3 = chain.Web3(Owner);
        var nonce = (await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(chain.Address(Owner))).Value;

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() => web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(Sign(chain, nonce, 1)));

        Assert.Contains("chain id", ex.RpcError.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Increasing_time_moves_the_next_anchor_time_forward(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.Connect(Owner));
        var before = await registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);

        await chain.Client.SendRequestAsync(new RpcRequest(1, "evm_increaseTime", 3600));
        await chain.Client.SendRequestAsync(new RpcRequest(2, "evm_mine"));
        var after = await registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);

        Assert.True(after.AnchoredAt - before.AnchoredAt >= TimeSpan.FromHours(1), $"{before.AnchoredAt:O} → {after.AnchoredAt:O}");
        Assert.Equal(before.BlockNumber + 2, after.BlockNumber);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Anchors_sent_concurrently_from_one_account_are_all_mined_even_when_their_nonces_arrive_out_of_order(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.Connect(Owner));

        var anchored = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson)));

        Assert.Equal(12, anchored.Select(a => a.TransactionHash).Distinct().Count());
        var nonces = new List<BigInteger>();
        foreach (var a in anchored)
        {
            var tx = await chain.Web3(Owner).Eth.Transactions.GetTransactionByHash.SendRequestAsync(a.TransactionHash);
            nonces.Add(tx.Nonce.Value);
            Assert.NotNull(await registry.GetRecordByIdAsync(new RecordId(a.RecordId.ToBytes())));
        }
        Assert.Equal(12, nonces.Distinct().Count());
        Assert.Equal(11, (int)(nonces.Max() - nonces.Min()));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Set_next_block_timestamp_and_mine_at_a_timestamp_fix_block_times_exactly(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.Connect(Owner));
        var next = (await chain.ChainTimeAsync()).AddHours(5);

        await chain.RpcAsync("evm_setNextBlockTimestamp", next.ToUnixTimeSeconds());
        var anchored = await registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);
        await chain.RpcAsync("evm_mine", next.AddDays(2).ToUnixTimeSeconds());
        var mined = await chain.ChainTimeAsync();
        var after = await registry.AnchorAsync(new Commitment(ChainTestKit.RandomCommitment()), Cid, FhirJson);

        Assert.Equal(next, anchored.AnchoredAt);
        Assert.Equal(next.AddDays(2), mined);
        Assert.InRange(after.AnchoredAt - mined, TimeSpan.Zero, TimeSpan.FromMinutes(5));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Raw_eth_getLogs_filters_by_topic_OR_arrays_null_positions_block_range_and_block_hash(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var registry = await RecordRegistryClient.DeployAsync(chain.Connect(Owner));
        var bob = new RecordRegistryClient(chain.Connect(Other), registry.ContractAddress);
        var (c1, c2, c3) = (ChainTestKit.RandomCommitment(), ChainTestKit.RandomCommitment(), ChainTestKit.RandomCommitment());
        var a1 = await registry.AnchorAsync(new Commitment(c1), Cid, FhirJson);
        var a2 = await bob.AnchorAsync(new Commitment(c2), Cid, FhirJson);
        var a3 = await registry.AnchorAsync(new Commitment(c3), Cid, FhirJson);
        var anchoredTopic = Nethereum.Util.Sha3Keccack.Current.CalculateHash("RecordAnchored(bytes32,address,bytes32,string,string,uint64)").EnsureHexPrefix();
        var alice = "0x" + chain.Address(Owner)[2..].ToLowerInvariant().PadLeft(64, '0');
        var all = new { fromBlock = new HexBigInteger(a1.BlockNumber).HexValue, toBlock = "latest", address = registry.ContractAddress.ToString() };

        async Task<List<string>> CommitmentsAsync(object filter)
        {
            var logs = await chain.RpcAsync("eth_getLogs", filter);
            return [.. logs.EnumerateArray().Where(l => l.GetProperty("topics")[0].GetString() == anchoredTopic).Select(l => l.GetProperty("topics")[3].GetString()!)];
        }

        var either = await CommitmentsAsync(new { all.fromBlock, all.toBlock, all.address, topics = new object?[] { anchoredTopic, null, null, new[] { c3.ToHex(true), c1.ToHex(true) } } });
        var alices = await CommitmentsAsync(new { all.fromBlock, all.toBlock, all.address, topics = new object?[] { null, null, alice } });
        var range = await CommitmentsAsync(new { fromBlock = new HexBigInteger(a2.BlockNumber).HexValue, toBlock = new HexBigInteger(a2.BlockNumber).HexValue, topics = new object?[] { anchoredTopic } });
        var receipt = await chain.RpcAsync("eth_getTransactionReceipt", a3.TransactionHash);
        var byHash = await CommitmentsAsync(new { blockHash = receipt.GetProperty("blockHash").GetString(), address = new[] { registry.ContractAddress.ToString() } });
        var none = await CommitmentsAsync(new { all.fromBlock, all.toBlock, address = "0x000000000000000000000000000000000000dead" });

        Assert.Equal([c1.ToHex(true), c3.ToHex(true)], either);
        Assert.Equal([c1.ToHex(true), c3.ToHex(true)], alices);
        Assert.Equal([c2.ToHex(true)], range);
        Assert.Equal([c3.ToHex(true)], byHash);
        Assert.Empty(none);
        var log = Assert.Single(receipt.GetProperty("logs").EnumerateArray());
        Assert.Equal(("0x0", "0x0", false), (log.GetProperty("logIndex").GetString(), log.GetProperty("transactionIndex").GetString(), log.GetProperty("removed").GetBoolean()));
        Assert.Equal(receipt.GetProperty("blockNumber").GetString(), log.GetProperty("blockNumber").GetString());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Cheat_methods_and_log_filter_edge_cases_answer_in_anvils_shapes(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var web3 = chain.Web3(Owner);
        await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(chain.Address(Other), 0.001m);
        var latest = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

        var first = await chain.RpcAsync("evm_increaseTime", 0);
        var second = await chain.RpcAsync("evm_increaseTime", 60);
        var beyondHead = await chain.RpcErrorAsync("eth_getLogs", new { fromBlock = new HexBigInteger(latest + 100).HexValue, toBlock = "latest" });
        var endBeyondHead = await chain.RpcAsync("eth_getLogs", new { fromBlock = new HexBigInteger(latest).HexValue, toBlock = new HexBigInteger(latest + 100).HexValue });
        var reversed = await chain.RpcAsync("eth_getLogs", new { fromBlock = new HexBigInteger(latest).HexValue, toBlock = new HexBigInteger(latest - 1).HexValue });
        var unknownHash = await chain.RpcErrorAsync("eth_getLogs", new { blockHash = "0x" + new string('1', 64) });
        var pastTimestamp = await chain.RpcErrorAsync("evm_setNextBlockTimestamp", 100);
        var unknownSnapshot = await chain.RpcAsync("evm_revert", "0x7fffffff");

        // The total time offset, as a JSON number.
        Assert.Equal((System.Text.Json.JsonValueKind.Number, 60L), (second.ValueKind, second.GetInt64() - first.GetInt64()));
        Assert.Equal(-32602, beyondHead.Code);
        Assert.Contains("block height is", beyondHead.Message, StringComparison.Ordinal);
        Assert.Equal(0, endBeyondHead.GetArrayLength());
        Assert.Equal(0, reversed.GetArrayLength());
        Assert.Equal(-32000, unknownHash.Code);
        Assert.Contains("unknown block", unknownHash.Message, StringComparison.Ordinal);
        Assert.Equal(-32602, pastTimestamp.Code);
        Assert.False(unknownSnapshot.GetBoolean());
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_view_call_sees_the_latest_blocks_number_and_time_until_a_block_is_mined(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var web3 = chain.Web3(Owner);
        var deploy = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(TestRegistry.Abi, TestRegistry.Bytecode, chain.Address(Owner), new HexBigInteger(3_000_000));
        var now = web3.Eth.GetContract(TestRegistry.Abi, deploy.ContractAddress).GetFunction("now_");
        async Task<(long Time, long Number)> ViewAsync()
        {
            var output = await now.CallDeserializingToObjectAsync<NowOutput>();
            return ((long)output.Timestamp, (long)output.Number);
        }

        var before = await ViewAsync();
        await chain.RpcAsync("evm_increaseTime", 7200);
        var afterIncrease = await ViewAsync();
        await chain.RpcAsync("evm_mine");
        var afterMine = await ViewAsync();
        var latest = (await chain.ChainTimeAsync()).ToUnixTimeSeconds();

        Assert.Equal(before, afterIncrease);
        Assert.Equal(before.Number + 1, afterMine.Number);
        Assert.Equal(latest, afterMine.Time);
        Assert.True(afterMine.Time - before.Time >= 7200, $"{before.Time} → {afterMine.Time}");
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_transaction_behind_a_nonce_gap_waits_unmined_and_both_are_mined_when_the_gap_closes(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var web3 = chain.Web3(Owner);
        var nonce = (await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(chain.Address(Owner))).Value;

        var later = await web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(Sign(chain, nonce + 1, chain.ChainId));
        var waiting = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(later);
        var pending = await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(chain.Address(Owner), Nethereum.RPC.Eth.DTOs.BlockParameter.CreatePending());
        var first = await web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(Sign(chain, nonce, chain.ChainId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var polling = new Nethereum.RPC.TransactionReceipts.TransactionReceiptPollingService(web3.TransactionManager, 10);
        var firstReceipt = await polling.PollForReceiptAsync(first, timeout.Token);
        var laterReceipt = await polling.PollForReceiptAsync(later, timeout.Token);

        Assert.Null(waiting);
        Assert.Equal(nonce, pending.Value);
        Assert.Equal((BigInteger.One, BigInteger.One), (firstReceipt.Status.Value, laterReceipt.Status.Value));
        Assert.True(laterReceipt.BlockNumber.Value >= firstReceipt.BlockNumber.Value);
        Assert.Equal(nonce + 2, (await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(chain.Address(Owner))).Value);
    }

    [Nethereum.ABI.FunctionEncoding.Attributes.FunctionOutput]
    public sealed class NowOutput : Nethereum.ABI.FunctionEncoding.Attributes.IFunctionOutputDTO
    {
        [Nethereum.ABI.FunctionEncoding.Attributes.Parameter("uint256", "timestamp", 1)]
        public BigInteger Timestamp { get; set; }

        [Nethereum.ABI.FunctionEncoding.Attributes.Parameter("uint256", "number", 2)]
        public BigInteger Number { get; set; }

        [Nethereum.ABI.FunctionEncoding.Attributes.Parameter("uint256", "chainId", 3)]
        public BigInteger ChainId { get; set; }
    }

    private static string Sign(ChainUnderTest chain, BigInteger nonce, BigInteger chainId)
    {
        var tx = new Transaction1559(chainId, nonce, 1_000_000_000, 10_000_000_000, 21_000, chain.Address(Other), 1, "0x", null);
        return new Transaction1559Signer().SignTransaction(chain.PrivateKey(Owner), tx).EnsureHexPrefix();
    }
}
