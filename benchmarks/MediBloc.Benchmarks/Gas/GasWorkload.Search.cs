using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.SearchIndex;

namespace MediBloc.Benchmarks.Gas;

internal sealed partial class GasWorkload
{
    /// <summary>
    /// The opt-in research index: publishing an entry (signed by its entry key, sent by a relayer) with a typical
    /// metadata document, hiding it, listing it again and removing it. The entry key comes from the seed, so the
    /// signatures (and the 12 gas per zero byte they cost) are the same on every chain.
    /// </summary>
    private async Task MeasureSearchAsync(ChainConnection relayer, CancellationToken cancellationToken)
    {
        var deployment = await relayer.DeployAsync(ContractArtifact.SearchIndex, cancellationToken);
        Add("deploy.SearchIndex", deployment.GasUsed);
        var index = new SearchIndexClient(relayer, deployment.ContractAddress);
        using var entryKey = Secp256k1PrivateKey.FromHex(Convert.ToHexString(Commitment()));
        var metadata = new SearchMetadata(ContentType, ["http://snomed.info/sct|44054006", "http://loinc.org|4548-4"], "40-49", "KR");
        Add("search.publish.2codes", (await index.PublishAsync(entryKey, metadata, cancellationToken)).GasUsed);
        Add("search.hide", (await index.SetStatusAsync(entryKey, SearchEntryStatus.Hidden, cancellationToken)).GasUsed);
        Add("search.list", (await index.SetStatusAsync(entryKey, SearchEntryStatus.Listed, cancellationToken)).GasUsed);
        Add("search.remove", (await index.SetStatusAsync(entryKey, SearchEntryStatus.Removed, cancellationToken)).GasUsed);
    }
}
