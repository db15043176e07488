using System.Collections.Concurrent;
using System.Diagnostics;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Tests.ContentAddressing;
using MediBloc.Sdk.Storage.Tests.Local;

namespace MediBloc.Sdk.Storage.Tests;

public sealed class StorageTracingTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public StorageTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MediBloc.Sdk.Storage",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_put_is_traced_with_its_CID_and_size_only()
    {
        var store = new LocalContentStore(_folder.Path).ForOwner("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4");
        var data = UnixFsBuilderTests.RandomBytes(12_345, seed: 99);

        var cid = await store.PutAsync(new MemoryStream(data));

        var activity = Assert.Single(_stopped, a => a.OperationName == "LocalContentStore.Put" && Equals(a.GetTagItem("medibloc.cid"), cid.ToString()));
        Assert.Equal(12_345L, activity.GetTagItem("medibloc.bytes"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.DoesNotContain(activity.TagObjects, t => t.Value?.ToString()?.Contains("5B38", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public async Task A_failed_read_marks_its_activity_failed()
    {
        var store = new LocalContentStore(_folder.Path);
        var missing = UnixFsBuilder.Compute(UnixFsBuilderTests.RandomBytes(10, seed: Environment.TickCount), UnixFsOptions.CidV1RawLeaves);

        await Assert.ThrowsAsync<NotFoundException>(() => store.OpenReadAsync(missing));

        var activity = Assert.Single(_stopped, a => a.OperationName == "LocalContentStore.OpenRead" && Equals(a.GetTagItem("medibloc.cid"), missing.ToString()));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(NotFoundException).FullName, activity.GetTagItem("error.type"));
    }
}
