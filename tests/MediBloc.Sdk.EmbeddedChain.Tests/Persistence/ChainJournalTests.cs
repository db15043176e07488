using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;
using MediBloc.Sdk.Tests.Files;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MediBloc.Sdk.EmbeddedChain.Tests.Persistence;

/// <summary>A chain kept in a journal file: reopened equal, a torn tail dropped, damage reported as a typed error.</summary>
public sealed class ChainJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-journal-").FullName;

    private string JournalPath => Path.Combine(_folder, "state", "chain.journal");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_reopened_chain_has_the_same_blocks_balances_receipts_and_logs()
    {
        var chain = await InProcessChain.OpenAsync(JournalPath);
        var (registry, stranger) = await WriteHistoryAsync(chain);
        var before = Describe(chain, registry, stranger);

        var reopened = await InProcessChain.OpenAsync(JournalPath);

        Assert.Equal(before, Describe(reopened, registry, stranger));
        Assert.True(chain.BlockNumber >= 6);
        Assert.Equal(new BigInteger(9), await ValueOfAsync(reopened, registry, 1));
        OwnerOnly.AssertFile(JournalPath);
    }

    [Fact]
    public async Task A_reopened_chain_keeps_working_and_reopens_again()
    {
        var chain = await InProcessChain.OpenAsync(JournalPath);
        var (registry, _) = await WriteHistoryAsync(chain);
        var reopened = await InProcessChain.OpenAsync(JournalPath);
        await Web3Of(reopened).Eth.GetContractTransactionHandler<UpdateFunction>()
            .SendRequestAndWaitForReceiptAsync(registry, new UpdateFunction { Id = RegistryArtifact.Id(1), Value = 11 });

        var third = await InProcessChain.OpenAsync(JournalPath);

        Assert.Equal(reopened.BlockNumber, third.BlockNumber);
        Assert.Equal(new BigInteger(11), await ValueOfAsync(third, registry, 1));
    }

    [Fact]
    public async Task A_torn_last_entry_is_dropped_and_the_file_truncated_before_it()
    {
        var chain = await InProcessChain.OpenAsync(JournalPath);
        var (registry, stranger) = await WriteHistoryAsync(chain);
        var before = Describe(chain, registry, stranger);
        var length = new FileInfo(JournalPath).Length;
        // A crash while appending: a frame that announces 200 bytes of which only 30 reached the disk.
        await using (var stream = new FileStream(JournalPath, FileMode.Append))
        {
            stream.Write([200, 0, 0, 0]);
            stream.Write(new byte[30]);
        }

        var reopened = await InProcessChain.OpenAsync(JournalPath);

        Assert.Equal(before, Describe(reopened, registry, stranger));
        Assert.Equal(length, new FileInfo(JournalPath).Length);
        reopened.Mine();
        Assert.Equal(reopened.BlockNumber, (await InProcessChain.OpenAsync(JournalPath)).BlockNumber);
    }

    [Fact]
    public async Task A_last_entry_with_a_bad_checksum_is_dropped_as_a_torn_write()
    {
        var chain = await InProcessChain.OpenAsync(JournalPath);
        await WriteHistoryAsync(chain);
        var blocks = chain.BlockNumber;
        chain.Mine();
        var bytes = File.ReadAllBytes(JournalPath);
        bytes[^1] ^= 0xFF; // the Mine entry's last byte (its clock) never fully reached the disk
        File.WriteAllBytes(JournalPath, bytes);

        var reopened = await InProcessChain.OpenAsync(JournalPath);

        Assert.Equal(blocks, reopened.BlockNumber);
    }

    [Fact]
    public async Task A_damaged_entry_in_the_middle_is_a_typed_corruption_error()
    {
        var chain = await InProcessChain.OpenAsync(JournalPath);
        await WriteHistoryAsync(chain);
        var bytes = File.ReadAllBytes(JournalPath);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(JournalPath, bytes);

        var ex = await Assert.ThrowsAsync<ChainException>(() => InProcessChain.OpenAsync(JournalPath));

        Assert.Equal(InProcessChainErrors.JournalCorrupted, ex.Code);
        Assert.Equal(bytes, File.ReadAllBytes(JournalPath)); // never repaired silently
    }

    [Fact]
    public async Task A_file_that_is_not_a_journal_is_a_typed_corruption_error_and_left_alone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        File.WriteAllText(JournalPath, "{\"not\": \"a chain journal\"}");

        var ex = await Assert.ThrowsAsync<ChainException>(() => InProcessChain.OpenAsync(JournalPath));

        Assert.Equal(InProcessChainErrors.JournalCorrupted, ex.Code);
        Assert.Equal("{\"not\": \"a chain journal\"}", File.ReadAllText(JournalPath));
    }

    [Fact]
    public async Task A_journal_opened_with_other_settings_is_refused()
    {
        var chain = await InProcessChain.OpenAsync(JournalPath);
        chain.Mine();

        var ex = await Assert.ThrowsAsync<ChainException>(() => InProcessChain.OpenAsync(JournalPath, new InProcessChainOptions { ChainId = 1337 }));

        Assert.Equal(InProcessChainErrors.JournalMismatch, ex.Code);
    }

    [Fact]
    public async Task A_second_writer_on_the_same_journal_is_refused_instead_of_interleaving()
    {
        var first = await InProcessChain.OpenAsync(JournalPath);
        var second = await InProcessChain.OpenAsync(JournalPath);
        first.Mine();

        var ex = Assert.Throws<ChainException>(() => second.Mine());

        Assert.Equal(InProcessChainErrors.JournalConflict, ex.Code);
        Assert.Equal(first.BlockNumber, (await InProcessChain.OpenAsync(JournalPath)).BlockNumber);
    }

    [Fact]
    public async Task A_rejected_transaction_is_not_journaled()
    {
        var chain = await InProcessChain.OpenAsync(JournalPath);
        var length = new FileInfo(JournalPath).Length;
        var poor = new Account(Nethereum.Signer.EthECKey.GenerateKey().GetPrivateKey(), chain.ChainId);
        var web3 = new Web3(poor, chain.CreateRpcClient());

        await Assert.ThrowsAnyAsync<Exception>(() => web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(chain.Accounts[1].Address, 1m));

        Assert.Equal(length, new FileInfo(JournalPath).Length);
    }

    /// <summary>Deploys the Registry, sends value, reverts a call on chain, moves the clock, mines, sets a balance.</summary>
    private static async Task<(string Registry, string Stranger)> WriteHistoryAsync(InProcessChain chain)
    {
        var web3 = Web3Of(chain);
        var receipt = await web3.Eth.GetContractDeploymentHandler<RegistryDeployment>().SendRequestAndWaitForReceiptAsync(new RegistryDeployment());
        var registry = receipt.ContractAddress;
        await web3.Eth.GetContractTransactionHandler<AnchorFunction>().SendRequestAndWaitForReceiptAsync(registry, new AnchorFunction { Id = RegistryArtifact.Id(1), Value = 9 });
        chain.IncreaseTime(TimeSpan.FromDays(3));
        await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(chain.Accounts[2].Address, 1.5m);
        chain.Mine();
        var stranger = "0x00000000000000000000000000000000000000aa";
        chain.SetBalance(stranger, 12345);
        // A transaction signed by a dev account on the chain's side (eth_sendTransaction).
        await chain.SendTransactionAsync(new TransactionInput { From = chain.Accounts[3].Address, To = stranger, Value = new Nethereum.Hex.HexTypes.HexBigInteger(5) });
        chain.SetNextBlockTimestamp(DateTimeOffset.UtcNow.AddDays(10));
        await web3.Eth.GetContractTransactionHandler<UpdateFunction>().SendRequestAndWaitForReceiptAsync(registry, new UpdateFunction { Id = RegistryArtifact.Id(1), Value = 9 });
        return (registry, stranger);
    }

    private static string Describe(InProcessChain chain, string registry, string stranger)
    {
        var lines = new List<string> { $"latest {chain.BlockNumber}" };
        for (var n = 0L; n <= chain.BlockNumber; n++)
        {
            var block = chain.GetBlock(n)!;
            lines.Add($"block {n} {block.BlockHash} {block.Timestamp.Value} {string.Join(',', block.TransactionHashes)}");
            foreach (var tx in block.TransactionHashes)
            {
                var receipt = chain.GetTransactionReceipt(tx)!;
                lines.Add($"  receipt {receipt.Status.Value} {receipt.GasUsed.Value} {receipt.ContractAddress}");
            }
        }
        foreach (var account in chain.Accounts.Select(a => a.Address).Append(stranger).Append(registry))
        {
            lines.Add($"balance {account} {chain.GetBalance(account)} nonce {chain.GetTransactionCount(account)}");
        }
        foreach (var log in chain.GetLogs(new NewFilterInput { FromBlock = new BlockParameter(0), ToBlock = BlockParameter.CreateLatest() }))
        {
            lines.Add($"log {log.BlockNumber.Value} {log.Address} {string.Join(',', log.Topics)} {log.Data}");
        }
        return string.Join('\n', lines);
    }

    private static Web3 Web3Of(InProcessChain chain) =>
        new(new Account(chain.Accounts[0].PrivateKey, chain.ChainId), chain.CreateRpcClient());

    private static Task<BigInteger> ValueOfAsync(InProcessChain chain, string registry, int id) =>
        Web3Of(chain).Eth.GetContractQueryHandler<ValueOfFunction>().QueryAsync<BigInteger>(registry, new ValueOfFunction { Id = RegistryArtifact.Id(id) });
}
