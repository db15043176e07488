using System.Globalization;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.SearchIndex;
using Nethereum.ABI;
using Xunit.Abstractions;

namespace MediBloc.IntegrationTests.Contracts.SearchIndex;

/// <summary>The SearchIndex contract through <see cref="SearchIndexClient"/>: signed changes, final removal, and the same gas on anvil and the embedded chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class SearchIndexTests(DevnetFixture fixture, ITestOutputHelper output)
{
    private static readonly SearchMetadata Metadata = new("application/fhir+json", ["http://snomed.info/sct|44054006", "http://loinc.org|4548-4"], "40-49", "KR");

    [Fact]
    public async Task Publish_hide_list_and_remove_use_the_same_gas_beyond_calldata_on_anvil_and_the_embedded_chain()
    {
        var anvil = await RunAsync(ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet));
        var embedded = await RunAsync(ChainUnderTest.Create(ChainBackend.Embedded, fixture.Devnet));

        output.WriteLine(string.Join('\n', anvil.Zip(embedded, (a, e) => string.Create(CultureInfo.InvariantCulture, $"{a.Operation}: anvil {a.Gas}, embedded {e.Gas}"))));
        // Each chain signs with a fresh ECDSA nonce for its own contract address, so a signature's recovery id and
        // leading bytes differ between the runs and move a few gas (up to ±20 seen) through the contract's decoding:
        // the same operations must cost the same within 1 % (the deterministic workload of GasParityTests is equal).
        Assert.Equal(anvil.Select(a => a.Operation), embedded.Select(e => e.Operation));
        Assert.All(anvil.Zip(embedded), p => Assert.InRange(p.Second.Gas, p.First.Gas * 0.99, p.First.Gas * 1.01));
        Assert.Equal(anvil[0], embedded[0]);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_removed_entry_is_final_and_its_handle_cannot_be_listed_again(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var index = await SearchIndexClient.DeployAsync(chain.Connect(0));
        using var entryKey = Secp256k1PrivateKey.Generate();
        await index.PublishAsync(entryKey, Metadata);
        await index.SetStatusAsync(entryKey, SearchEntryStatus.Removed);

        var change = await Assert.ThrowsAsync<ChainException>(() => index.SetStatusAsync(entryKey, SearchEntryStatus.Listed));
        var again = await Assert.ThrowsAsync<ChainException>(() => index.PublishAsync(entryKey, Metadata));

        Assert.Equal("EntryRemoved", change.RevertError);
        Assert.Equal("EntryExists", again.RevertError);
        Assert.Equal((SearchEntryStatus.Removed, 2u), await index.GetEntryAsync(SearchIndexClient.ComputeHandle(entryKey)));
        Assert.Empty(await index.SearchAsync(new SearchQuery()).ToListAsync());
    }

    [Fact]
    public async Task A_change_signed_by_another_key_or_with_a_spent_nonce_is_refused_with_NotEntryKey()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var index = await SearchIndexClient.DeployAsync(chain.Connect(0));
        using var entryKey = Secp256k1PrivateKey.Generate();
        using var stranger = Secp256k1PrivateKey.Generate();
        await index.PublishAsync(entryKey, Metadata);
        var handle = Convert.FromHexString(SearchIndexClient.ComputeHandle(entryKey)[2..]);
        var spent = await SignAsync(chain, index, entryKey, handle, SearchEntryStatus.Hidden, nonce: 1);
        await index.SetStatusAsync(entryKey, SearchEntryStatus.Hidden);
        var foreign = await SignAsync(chain, index, stranger, handle, SearchEntryStatus.Listed, nonce: 2);

        foreach (var signature in new[] { spent, foreign })
        {
            var arguments = Convert.ToHexString(new ABIEncode().GetABIEncoded(new ABIValue("bytes32", handle), new ABIValue("uint8", 2), new ABIValue("bytes", signature))).ToLowerInvariant();
            var revert = await chain.RevertDataAsync(chain.Address(0), index.ContractAddress.ToString(), "setStatus(bytes32,uint8,bytes)", arguments);
            Assert.StartsWith(ChainTestKit.Selector("NotEntryKey(bytes32,address)"), revert, StringComparison.Ordinal);
        }
        Assert.Equal((SearchEntryStatus.Hidden, 2u), await index.GetEntryAsync(SearchIndexClient.ComputeHandle(entryKey)));
    }

    private static async Task<List<(string Operation, long Gas)>> RunAsync(ChainUnderTest chain)
    {
        var gas = new List<(string, long)>();
        var connection = chain.Connect(0);
        var deployment = await connection.DeployAsync(ContractArtifact.SearchIndex);
        gas.Add(("SearchIndex: deploy", deployment.GasUsed));
        var index = new SearchIndexClient(connection, deployment.ContractAddress);
        // A fixed entry key: the handle (and so the gas of its zero bytes) is the same on both chains.
        using var entryKey = Secp256k1PrivateKey.Import(Keccak256.Hash(Encoding.UTF8.GetBytes("search index gas parity")));
        gas.Add(("SearchIndex: publish (2 codes)", await BeyondCalldataAsync(chain, await index.PublishAsync(entryKey, Metadata))));
        gas.Add(("SearchIndex: hide", await BeyondCalldataAsync(chain, await index.SetStatusAsync(entryKey, SearchEntryStatus.Hidden))));
        gas.Add(("SearchIndex: list again", await BeyondCalldataAsync(chain, await index.SetStatusAsync(entryKey, SearchEntryStatus.Listed))));
        gas.Add(("SearchIndex: remove", await BeyondCalldataAsync(chain, await index.SetStatusAsync(entryKey, SearchEntryStatus.Removed))));
        var candidates = await index.SearchAsync(new SearchQuery { ContentType = "application/fhir+json" }).ToListAsync();
        Assert.Empty(candidates);
        return gas;
    }

    /// <summary>
    /// The gas beyond the calldata's own cost (4 per zero byte, 16 per other byte). Signatures differ between the two
    /// chains (each signs for its own contract address, with a random nonce), and so does their count of zero bytes.
    /// </summary>
    private static async Task<long> BeyondCalldataAsync(ChainUnderTest chain, TransactionResult result)
    {
        var tx = await chain.Web3(0).Eth.Transactions.GetTransactionByHash.SendRequestAsync(result.TransactionHash);
        var input = Convert.FromHexString(tx.Input[2..]);
        return result.GasUsed - input.Sum(b => b == 0 ? 4L : 16L);
    }

    /// <summary>A signature over the contract's own digest of <c>IndexUpdate(handle, status, nonce, 0)</c>.</summary>
    private static async Task<byte[]> SignAsync(ChainUnderTest chain, SearchIndexClient index, Secp256k1PrivateKey key, byte[] handle, SearchEntryStatus status, uint nonce)
    {
        var digest = await chain.Web3(1).Eth.GetContract(ContractArtifact.SearchIndex.Abi, index.ContractAddress.ToString()).GetFunction("hashUpdate")
            .CallAsync<byte[]>(handle, (byte)status, nonce, new byte[32]);
        return Secp256k1Ecdsa.SignHash(digest, key).ToRsv();
    }
}
