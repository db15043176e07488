using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.EmbeddedChain.Tests.Blocks;

public class LogsAndBlocksTests
{
    private static string Topic(string address) => "0x" + address[2..].ToLowerInvariant().PadLeft(64, '0');

    [Fact]
    public async Task Log_topics_are_32_byte_words_even_with_leading_zeros()
    {
        var setup = await ChainSetup.StartAsync();
        var id = new byte[32];
        id[31] = 1;

        var receipt = await setup.SendAsync(new AnchorFunction { Id = id, Value = 1 });

        var log = Assert.Single(receipt.Logs);
        var topics = log.Topics.Select(t => t.ToString()!).ToList();
        Assert.All(topics, t => Assert.Matches("^0x[0-9a-f]{64}$", t));
        Assert.Equal(id.ToHex(true), topics[1]);
        Assert.Equal(Topic(setup.Sender), topics[2]);
    }

    [Fact]
    public async Task GetLogs_filters_by_an_indexed_address_topic()
    {
        var setup = await ChainSetup.StartAsync();
        var other = ChainSetup.ForAccount(setup.Chain, 1);
        await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(1), Value = 1 });
        await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(2), Value = 2 }, other);
        var anchored = "0x" + EventExtensions.GetEventABI<AnchoredEvent>().Sha3Signature;

        var logs = await setup.Web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            Address = [setup.Registry],
            FromBlock = BlockParameter.CreateEarliest(),
            ToBlock = BlockParameter.CreateLatest(),
            Topics = [anchored, null, Topic(setup.Chain.Accounts[1].Address)],
        });

        var decoded = Assert.Single(logs.DecodeAllEvents<AnchoredEvent>());
        Assert.Equal(new BigInteger(2), decoded.Event.Value);
    }

    [Fact]
    public async Task GetLogs_matches_any_of_a_topic_array_and_honours_block_ranges_and_block_hash()
    {
        var setup = await ChainSetup.StartAsync();
        var r1 = await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(1), Value = 1 });
        var r2 = await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(2), Value = 2 });
        var r3 = await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(3), Value = 3 });
        var logs = setup.Web3.Eth.Filters.GetLogs;

        var either = await logs.SendRequestAsync(new NewFilterInput
        {
            FromBlock = BlockParameter.CreateEarliest(),
            Topics = [null, new[] { RegistryArtifact.Id(1).ToHex(true), RegistryArtifact.Id(3).ToHex(true) }],
        });
        var range = await logs.SendRequestAsync(new NewFilterInput { FromBlock = new BlockParameter(r2.BlockNumber), ToBlock = new BlockParameter(r3.BlockNumber) });
        var latestOnly = await logs.SendRequestAsync(new NewFilterInput { Address = [setup.Registry] });
        var byHash = await setup.Web3.Client.SendRequestAsync<FilterLog[]>(new Nethereum.JsonRpc.Client.RpcRequest(1, "eth_getLogs", new { blockHash = r1.BlockHash }));
        var otherAddress = await logs.SendRequestAsync(new NewFilterInput { FromBlock = BlockParameter.CreateEarliest(), Address = [setup.Chain.Accounts[5].Address] });

        Assert.Equal([r1.TransactionHash, r3.TransactionHash], either.Select(l => l.TransactionHash));
        Assert.Equal([r2.TransactionHash, r3.TransactionHash], range.Select(l => l.TransactionHash));
        Assert.Equal(r3.TransactionHash, Assert.Single(latestOnly).TransactionHash);
        Assert.Equal(r1.TransactionHash, Assert.Single(byHash).TransactionHash);
        Assert.Empty(otherAddress);
    }

    [Fact]
    public async Task Logs_carry_block_hash_number_transaction_hash_and_log_index()
    {
        var setup = await ChainSetup.StartAsync();

        var receipt = await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(1), Value = 1 });
        var logs = await setup.Web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput { FromBlock = new BlockParameter(receipt.BlockNumber) });
        var block = await setup.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(receipt.BlockNumber);

        var log = Assert.Single(logs);
        Assert.Equal(receipt.BlockHash, log.BlockHash);
        Assert.Equal(block.BlockHash, log.BlockHash);
        Assert.Equal(receipt.BlockNumber.Value, log.BlockNumber.Value);
        Assert.Equal(receipt.TransactionHash, log.TransactionHash);
        Assert.Equal(BigInteger.Zero, log.LogIndex.Value);
        Assert.Equal([receipt.TransactionHash], block.TransactionHashes);
        Assert.Equal(receipt.GasUsed.Value, block.GasUsed.Value);
    }

    [Fact]
    public async Task Blocks_chain_by_parent_hash_and_time_moves_with_IncreaseTime_and_Mine()
    {
        var setup = await ChainSetup.StartAsync();
        var before = setup.Chain.GetBlock(setup.Chain.BlockNumber)!;

        setup.Chain.IncreaseTime(TimeSpan.FromDays(1));
        var mined = setup.Chain.Mine();
        var after = setup.Chain.GetBlock(mined)!;
        var now = await setup.QueryAsync<NowFunction, NowOutput>(new NowFunction());

        Assert.Equal(before.Number.Value + 1, after.Number.Value);
        Assert.Equal(before.BlockHash, after.ParentHash);
        Assert.Equal(after.BlockHash, setup.Chain.GetBlock(after.BlockHash)!.BlockHash);
        Assert.True(after.Timestamp.Value - before.Timestamp.Value >= 86_400);
        Assert.Equal(after.Timestamp.Value, now.Timestamp);
        Assert.Equal(after.Number.Value, now.Number);
        Assert.Equal(new BigInteger(31337), now.ChainId);
    }

    [Fact]
    public void SetNextBlockTimestamp_fixes_the_next_block_time_and_later_blocks_follow_the_clock_from_there()
    {
        var clock = new ManualClock { Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000) };
        var chain = new InProcessChain(new InProcessChainOptions { TimeProvider = clock });

        chain.SetNextBlockTimestamp(DateTimeOffset.FromUnixTimeSeconds(1_800_003_600));
        var first = chain.GetBlock(chain.Mine())!;
        clock.Now += TimeSpan.FromSeconds(10);
        var second = chain.GetBlock(chain.Mine())!;
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => chain.SetNextBlockTimestamp(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));

        Assert.Equal(new BigInteger(1_800_003_600), first.Timestamp.Value);
        Assert.Equal(new BigInteger(1_800_003_610), second.Timestamp.Value);
        Assert.Contains("cannot be before the latest block", past.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_base_fee_is_fixed_whether_blocks_are_empty_or_full()
    {
        var chain = new InProcessChain();
        for (var nonce = 0; nonce < 3; nonce++)
        {
            await chain.SendRawTransactionAsync(RevertAndRejectionTests.Sign(chain, 0, nonce, chain.ChainId));
            chain.Mine();
        }

        var fees = Enumerable.Range(0, (int)chain.BlockNumber + 1).Select(n => chain.GetBlock(n)!.BaseFeePerGas.Value).Distinct();

        // A node moves the base fee with block fullness (EIP-1559); the embedded chain keeps its option's value.
        Assert.Equal([chain.BaseFeePerGas], fees);
        Assert.Equal(new BigInteger(1_000_000_000), chain.BaseFeePerGas);
    }

    [Fact]
    public async Task Snapshot_and_revert_restore_state_blocks_and_receipts()
    {
        var setup = await ChainSetup.StartAsync();
        var snapshot = await setup.Web3.Client.SendRequestAsync<string>(new Nethereum.JsonRpc.Client.RpcRequest(1, "evm_snapshot"));
        var blocks = setup.Chain.BlockNumber;
        var receipt = await setup.SendAsync(new AnchorFunction { Id = RegistryArtifact.Id(1), Value = 1 });

        var reverted = await setup.Web3.Client.SendRequestAsync<bool>(new Nethereum.JsonRpc.Client.RpcRequest(2, "evm_revert", snapshot));

        Assert.True(reverted);
        Assert.Equal(blocks, setup.Chain.BlockNumber);
        Assert.Null(setup.Chain.GetTransactionReceipt(receipt.TransactionHash));
        Assert.Equal(BigInteger.Zero, await setup.QueryAsync<CountFunction, BigInteger>(new CountFunction()));
        Assert.False(setup.Chain.Revert(snapshot));
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
