using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Contracts.MedToken;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.IntegrationTests.Research;

/// <summary>
/// Front-running the data market with real ordering on anvil's mempool: a watcher copies a relayed consent and a key
/// release with a higher tip, and the researcher, seeing the release pending, tries to reject first. The consent's
/// payee is bound by the entry key's signature, so a copy pays the same payee once; an accepted consent cannot be
/// rejected.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class ResearchFrontRunningTests(DevnetFixture fixture)
{
    [Fact]
    public async Task Copied_consents_and_releases_pay_the_patients_payee_once_and_a_front_run_reject_fails()
    {
        var chain = ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet);
        var (_, deployment) = await WorkflowKit.SharedDeploymentAsync(fixture.Devnet, ChainBackend.Anvil);
        using var researcherKey = await ResearchKit.ResearcherAsync(chain, deployment);
        using var relayerKey = await chain.FundedKeyAsync();
        var watcher = await Adversary.CreateAsync(chain);
        var researcher = new DataMarketClient(chain.ConnectKey(Hex(researcherKey), WorkflowKit.FastOptions()), deployment.DataMarketAddress!.Value);
        var relayer = chain.ConnectKey(Hex(relayerKey), WorkflowKit.FastOptions());
        await new MedTokenClient(chain.ConnectKey(Hex(researcherKey), WorkflowKit.FastOptions()), deployment.MedTokenAddress!.Value)
            .ApproveAsync(researcher.ContractAddress, MedTokenClient.FromMed(4));
        var posted = await researcher.PostRequestAsync(new byte[32], MedTokenClient.FromMed(2), 2, 2, (await chain.ChainTimeAsync()).AddDays(1));
        using var entryKey = Secp256k1PrivateKey.Generate();
        await new SearchIndexClient(relayer, deployment.SearchIndexAddress!.Value).PublishAsync(entryKey, new SearchMetadata(ResearchKit.Fhir, [ResearchKit.UniqueCode()]));
        var handle = SearchIndexClient.ComputeHandle(entryKey);
        using var payee = Secp256k1PrivateKey.Generate();
        var market = deployment.DataMarketAddress!.Value;
        var web3 = chain.Web3(0);

        // 1. The relayer's consent waits in the mempool; the watcher copies it with a higher tip and runs first.
        var consentDigest = await web3.Eth.GetContractQueryHandler<HashConsentCall>().QueryAsync<byte[]>(market.ToString(),
            new HashConsentCall { RequestId = posted.RequestId, Handle = Convert.FromHexString(handle[2..]), Payee = payee.Address.ToString() });
        var consent = new ConsentCall
        {
            RequestId = posted.RequestId, Handle = Convert.FromHexString(handle[2..]), Payee = payee.Address.ToString(),
            Signature = Secp256k1Ecdsa.SignHash(consentDigest, entryKey).ToRsv(),
        };
        IReadOnlyList<MinedTransaction> consentBlock;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            var honest = await ordering.SendAsync(Hex(relayerKey), market.ToString(), consent, 1_000_000_000, TransactionOrdering.FallbackGas);
            var copy = await ordering.CopyPendingAsync(honest, watcher.PrivateKey, 5_000_000_000);
            consentBlock = await ordering.MineAsync(honest, copy);
        }
        Assert.Equal([true, false], consentBlock.Select(t => t.Succeeded));
        var reserved = (await researcher.GetConsentAsync(posted.RequestId, handle))!;
        Assert.Equal((DataConsentStatus.Pending, payee.Address), (reserved.Status, reserved.Payee));

        // 2. The researcher accepts; the release waits; the researcher tries to reject first and a watcher copies it.
        await researcher.AcceptAsync(posted.RequestId, [handle]);
        var keyRef = new byte[] { 0xC0, 0xFF, 0xEE };
        var releaseDigest = await web3.Eth.GetContractQueryHandler<HashReleaseCall>().QueryAsync<byte[]>(market.ToString(),
            new HashReleaseCall { RequestId = posted.RequestId, Handle = Convert.FromHexString(handle[2..]), KeyRefHash = Keccak256.Hash(keyRef) });
        var release = new ReleaseCall
        {
            RequestId = posted.RequestId, Handle = Convert.FromHexString(handle[2..]), KeyRef = keyRef,
            Signature = Secp256k1Ecdsa.SignHash(releaseDigest, entryKey).ToRsv(),
        };
        IReadOnlyList<MinedTransaction> releaseBlock;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(chain))
        {
            var honest = await ordering.SendAsync(Hex(relayerKey), market.ToString(), release, 1_000_000_000, TransactionOrdering.FallbackGas);
            var reject = await ordering.SendAsync(Hex(researcherKey), market.ToString(), new RejectCall { RequestId = posted.RequestId, Handles = [Convert.FromHexString(handle[2..])] }, 9_000_000_000, TransactionOrdering.FallbackGas);
            var copy = await ordering.CopyPendingAsync(honest, watcher.PrivateKey, 5_000_000_000);
            releaseBlock = await ordering.MineAsync(honest, reject, copy);
        }

        // Executed by tip: the reject (refused: accepted), the copy (pays the patient's payee), the original (already released).
        Assert.Equal([false, true, false], releaseBlock.Select(t => t.Succeeded));
        var token = ResearchKit.Token(chain, deployment);
        Assert.Equal(MedTokenClient.FromMed(2), await token.GetBalanceAsync(payee.Address));
        Assert.Equal(BigInteger.Zero, await token.GetBalanceAsync(watcher.Address));
        Assert.Equal(DataConsentStatus.Released, (await researcher.GetConsentAsync(posted.RequestId, handle))!.Status);
    }

    private static string Hex(Secp256k1PrivateKey key) => "0x" + Convert.ToHexString(key.ExportPrivateKey()).ToLowerInvariant();

    [Function("hashConsent", "bytes32")]
    private sealed class HashConsentCall : FunctionMessage
    {
        [Parameter("uint256", "requestId", 1)]
        public BigInteger RequestId { get; set; }

        [Parameter("bytes32", "handle", 2)]
        public byte[] Handle { get; set; } = [];

        [Parameter("address", "payee", 3)]
        public string Payee { get; set; } = string.Empty;
    }

    [Function("consent")]
    private sealed class ConsentCall : FunctionMessage
    {
        [Parameter("uint256", "requestId", 1)]
        public BigInteger RequestId { get; set; }

        [Parameter("bytes32", "handle", 2)]
        public byte[] Handle { get; set; } = [];

        [Parameter("address", "payee", 3)]
        public string Payee { get; set; } = string.Empty;

        [Parameter("bytes", "signature", 4)]
        public byte[] Signature { get; set; } = [];
    }

    [Function("hashRelease", "bytes32")]
    private sealed class HashReleaseCall : FunctionMessage
    {
        [Parameter("uint256", "requestId", 1)]
        public BigInteger RequestId { get; set; }

        [Parameter("bytes32", "handle", 2)]
        public byte[] Handle { get; set; } = [];

        [Parameter("bytes32", "keyRefHash", 3)]
        public byte[] KeyRefHash { get; set; } = [];
    }

    [Function("release")]
    private sealed class ReleaseCall : FunctionMessage
    {
        [Parameter("uint256", "requestId", 1)]
        public BigInteger RequestId { get; set; }

        [Parameter("bytes32", "handle", 2)]
        public byte[] Handle { get; set; } = [];

        [Parameter("bytes", "keyRef", 3)]
        public byte[] KeyRef { get; set; } = [];

        [Parameter("bytes", "signature", 4)]
        public byte[] Signature { get; set; } = [];
    }

    [Function("reject")]
    private sealed class RejectCall : FunctionMessage
    {
        [Parameter("uint256", "requestId", 1)]
        public BigInteger RequestId { get; set; }

        [Parameter("bytes32[]", "handles", 2)]
        public List<byte[]> Handles { get; set; } = [];
    }
}
