using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Tests.Local;

namespace MediBloc.Sdk.Storage.Tests.Docs;

/// <summary>The code shown in src/MediBloc.Sdk.Storage/README.md, compiled and run.</summary>
public sealed class StorageReadmeSnippets : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Compute_a_CID_snippet_gives_the_ipfs_add_CIDs()
    {
        var path = Path.Combine(_folder.Path, "report.pdf");
        await File.WriteAllTextAsync(path, "hello\n");

        #region Snippet:StorageComputeCid
        await using var file = File.OpenRead(path);
        ContentId v0 = UnixFsBuilder.Compute(file);                                 // ipfs add: Qm…
        file.Position = 0;
        ContentId v1 = UnixFsBuilder.Compute(file, UnixFsOptions.CidV1RawLeaves);  // ipfs add --cid-version 1: bafk…/bafy…
        ContentId parsed = ContentId.Parse("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");
        #endregion

        Assert.Equal(parsed, v0);
        Assert.Equal("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am", v1.ToString());
    }

    [Fact]
    public async Task Device_store_snippet_stores_reads_and_accounts()
    {
        var folder = _folder.Path;
        var record = new MemoryStream("sealed envelope bytes"u8.ToArray());

        #region Snippet:StorageLocalStore
        var device = new LocalContentStore(folder);              // 1 GB per owner unless set otherwise
        var patient = device.ForOwner("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4");

        ContentId cid = await patient.PutAsync(record);         // atomic: temp file, fsync, rename
        await using (Stream read = await patient.OpenReadAsync(cid))
        {
            await read.CopyToAsync(Stream.Null);                 // verified against the CID as it streams
        }

        StorageUsage usage = await patient.GetUsageAsync();
        Console.WriteLine($"{usage.UsedBytes} of {usage.QuotaBytes} bytes used");
        #endregion

        Assert.Equal(21, usage.UsedBytes);
        Assert.Equal(1_000_000_000, usage.QuotaBytes);
    }

    [Fact]
    public async Task Catching_storage_errors_snippet_handles_a_corrupt_object()
    {
        var store = new LocalContentStore(_folder.Path, new LocalContentStoreOptions { DefaultQuotaBytes = 100 });
        var cid = await store.PutAsync(new MemoryStream([1, 2, 3]));
        var name = cid.ToString();
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "objects", name[^3..^1], name), [1, 2, 4]);
        var big = new MemoryStream(new byte[200]);
        var messages = new List<string>();

        #region Snippet:StorageCatchingErrors
        try
        {
            await using Stream read = await store.OpenReadAsync(cid);
            await read.CopyToAsync(Stream.Null);
        }
        catch (IntegrityException e) when (e.Check == IntegrityCheck.Cid)
        {
            messages.Add($"{e.Cid} is damaged: restore it from the backup");
        }

        try
        {
            await store.PutAsync(big);
        }
        catch (QuotaExceededException e)
        {
            messages.Add(e.Message);                             // says how much is used and what to do
        }
        #endregion

        Assert.Equal(2, messages.Count);
        Assert.StartsWith(cid.ToString(), messages[0], StringComparison.Ordinal);
    }
}
