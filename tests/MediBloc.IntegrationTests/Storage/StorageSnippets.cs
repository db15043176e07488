using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Replication;

namespace MediBloc.IntegrationTests.Storage;

/// <summary>The IPFS and replication code shown in src/MediBloc.Sdk.Storage/README.md, run on the devnet.</summary>
[Collection(DevnetCollection.Name)]
public sealed class StorageSnippets(DevnetFixture fixture) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "medibloc-snippet-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ipfs_and_replication_snippets_run()
    {
        var apiUrl = fixture.Devnet.IpfsApiUrl;
        var folder = _folder;
        var envelope = new MemoryStream(KuboRpcClientTests.Bytes(10_000, seed: 404));

        #region Snippet:StorageReplicating
        var kubo = new KuboRpcClient(apiUrl);                    // e.g. http://127.0.0.1:5001
        var ipfs = new IpfsContentStore(kubo);
        await using var store = new ReplicatingContentStore(new LocalContentStore(folder), ipfs);

        ContentId cid = await store.PutAsync(envelope);          // on the device now, on IPFS soon after
        SyncResult sync = await store.SyncAsync();               // or wait for the background copy

        VerificationReport report = await store.VerifyAllAsync(repair: true);
        foreach (ReplicaProblem problem in report.Problems)
        {
            Console.WriteLine($"{problem.Cid}: {problem.Kind} in {problem.Store}, repaired: {problem.Repaired}");
        }
        #endregion

        Assert.True(await ipfs.ExistsAsync(cid));
        Assert.Empty(report.Problems);
        Assert.True(sync.Uploaded.Count + sync.AlreadyReplicatedCount >= 1);

        Directory.Delete(folder, recursive: true);
        IReadOnlyList<ContentId> anchoredCids = [cid];

        #region Snippet:StorageRestore
        await using var newPhone = new ReplicatingContentStore(new LocalContentStore(folder), ipfs);
        RestoreResult restored = await newPhone.RestoreAsync(anchoredCids);
        Console.WriteLine($"{restored.Restored.Count} restored, {restored.Unrecoverable.Count} lost");
        #endregion

        Assert.Equal([cid], restored.Restored);
    }
}
