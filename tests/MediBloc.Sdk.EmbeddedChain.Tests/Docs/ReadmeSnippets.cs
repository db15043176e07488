using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MediBloc.Sdk.EmbeddedChain.Tests.Docs;

/// <summary>The README's code, compiled and run.</summary>
public class ReadmeSnippets
{
    [Fact]
    public async Task Quickstart_snippet_runs()
    {
        var bytecode = RegistryArtifact.Bytecode;

        #region Snippet:EmbeddedChainQuickstart
        var chain = new InProcessChain();                      // chain id 31337, anvil's 10 funded dev accounts
        var alice = chain.Accounts[0];                        // 0xf39F…2266, 10 000 ETH
        var web3 = new Web3(new Account(alice.PrivateKey, chain.ChainId), chain.CreateRpcClient());

        // Unchanged Nethereum code: deploy, transact, call, read events; no node, no sockets.
        var receipt = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(bytecode, alice.Address, new Nethereum.Hex.HexTypes.HexBigInteger(3_000_000));
        var code = await web3.Eth.GetCode.SendRequestAsync(receipt.ContractAddress);
        #endregion

        #region Snippet:EmbeddedChainTime
        chain.IncreaseTime(TimeSpan.FromDays(30)); // the next block is at least 30 days later
        chain.Mine();                              // an empty block now
        var snapshot = chain.Snapshot();           // save everything
        chain.Revert(snapshot);                    // and go back
        #endregion

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.True(code.Length > 2);
        Assert.Equal(2, chain.BlockNumber);
    }

    [Fact]
    public async Task Journal_snippet_runs()
    {
        var folder = Directory.CreateTempSubdirectory("medibloc-readme-journal-").FullName;
        try
        {
            var path = Path.Combine(folder, "chain.journal");

            #region Snippet:EmbeddedChainJournal
            var chain = await InProcessChain.OpenAsync(path);        // creates the journal, or replays it
            var deployment = await chain.DeployMediBlocContractsAsync(); // every accepted transaction is appended and fsynced
            // … another process, later: the same blocks, receipts, logs, balances and timestamps.
            var reopened = await InProcessChain.OpenAsync(path);
            #endregion

            Assert.Equal(chain.BlockNumber, reopened.BlockNumber);
            Assert.NotEmpty(reopened.GetCode(deployment.RecordRegistryAddress.ToString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
