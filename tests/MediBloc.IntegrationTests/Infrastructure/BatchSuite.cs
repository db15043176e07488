using MediBloc.Sdk;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="WorkflowSuite"/> for batch publishing: a fresh chain and suite for every test (deployed by a fresh
/// funded key), so each test sees only its own batches and anchors; clients with their own outbox, store and threshold.
/// </summary>
public abstract class BatchSuite(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    protected override Task<(ChainUnderTest Chain, MediBlocDeployment Deployment)> DeployAsync() => FreshDeploymentAsync();

    /// <summary>A new client (so nothing is cached from an earlier one) on this chain and the devnet's IPFS node, or <paramref name="store"/>.</summary>
    protected MediBlocClient BatchClient(IRecordOutbox? outbox = null, IContentStore? store = null, int? threshold = null) => NewClient(options =>
    {
        options.ContentStore = store ?? Store();
        options.Outbox = outbox ?? new InMemoryRecordOutbox();
        if (threshold is { } t)
        {
            options.BatchAnchorThreshold = t;
        }
    });

    /// <summary>The devnet's IPFS node as a content store.</summary>
    protected IContentStore Store() => new IpfsContentStore(new KuboRpcClient(Devnet.IpfsApiUrl));

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
