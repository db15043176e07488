using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Search;

namespace MediBloc.Benchmarks.Gas;

public sealed partial class GasHarness
{
    /// <summary>
    /// The opt-in research index: publishing an entry (signed by its entry key, sent by a relayer) with a typical
    /// metadata document, hiding it, listing it again and removing it.
    /// </summary>
    private static async Task MeasureSearchAsync(ChainConnection relayer, SortedDictionary<string, object> gas, CancellationToken cancellationToken)
    {
        var deployment = await relayer.DeployAsync(ContractArtifact.SearchIndex, cancellationToken);
        gas["deploy.SearchIndex"] = deployment.GasUsed;
        var index = new SearchIndexClient(relayer, deployment.ContractAddress);
        using var entryKey = Secp256k1PrivateKey.Generate();
        var metadata = new SearchMetadata(ContentType, ["http://snomed.info/sct|44054006", "http://loinc.org|4548-4"], "40-49", "KR");
        gas["search.publish.2codes"] = (await index.PublishAsync(entryKey, metadata, cancellationToken)).GasUsed;
        gas["search.hide"] = (await index.SetStatusAsync(entryKey, SearchEntryStatus.Hidden, cancellationToken)).GasUsed;
        gas["search.list"] = (await index.SetStatusAsync(entryKey, SearchEntryStatus.Listed, cancellationToken)).GasUsed;
        gas["search.remove"] = (await index.SetStatusAsync(entryKey, SearchEntryStatus.Removed, cancellationToken)).GasUsed;
    }
}
