using System.Collections.Concurrent;
using System.Diagnostics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using Nethereum.Web3.Accounts;

namespace MediBloc.Sdk.Tests.Contracts;

/// <summary>
/// The one tracing helper of the chain and role clients: a failure marks the activity <c>Error</c> with the exception's
/// type, never its message, and goes on unchanged; a success is not marked.
/// </summary>
public sealed class ChainDiagnosticsTests : IDisposable
{
    private const string Secret = "patient 0x5FbDB2315678afecb367f032d93F642f64180aa3 diagnosis 7f3a";

    private static readonly ActivitySource TestSource = new(nameof(ChainDiagnosticsTests));

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ChainDiagnosticsTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MediBlocDiagnostics.ActivitySourceName or nameof(ChainDiagnosticsTests),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_failed_operation_is_marked_Error_with_the_exception_type_and_not_its_message()
    {
        using var test = StartTest();
        var thrown = new NotFoundException(Secret);

        var caught = await Assert.ThrowsAsync<NotFoundException>(() => ChainDiagnostics.TraceAsync<int>("Test.Fail", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, 3);
            await Task.Yield();
            throw thrown;
        }));

        Assert.Same(thrown, caught);
        var activity = Traced(test, "Test.Fail");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(nameof(NotFoundException), activity.StatusDescription);
        Assert.Equal(typeof(NotFoundException).FullName, activity.GetTagItem(MediBlocDiagnostics.Tags.ErrorType));
        Assert.Equal(3, activity.GetTagItem(MediBlocDiagnostics.Tags.Records));
        AssertNoSecret(activity);
    }

    [Fact]
    public async Task A_failed_operation_without_a_result_is_marked_the_same()
    {
        using var test = StartTest();
        await Assert.ThrowsAsync<InvalidOperationException>(() => ChainDiagnostics.TraceAsync("Test.FailVoid", _ => throw new InvalidOperationException(Secret)));

        var activity = Traced(test, "Test.FailVoid");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(nameof(InvalidOperationException), activity.StatusDescription);
        Assert.Equal(typeof(InvalidOperationException).FullName, activity.GetTagItem(MediBlocDiagnostics.Tags.ErrorType));
        AssertNoSecret(activity);
    }

    [Fact]
    public async Task A_successful_operation_returns_its_result_and_is_not_marked()
    {
        using var test = StartTest();
        var result = await ChainDiagnostics.TraceAsync("Test.Succeed", async activity =>
        {
            await Task.Yield();
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, 2);
            return "done";
        });
        await ChainDiagnostics.TraceAsync("Test.SucceedVoid", _ => Task.CompletedTask);

        Assert.Equal("done", result);
        foreach (var activity in new[] { Traced(test, "Test.Succeed"), Traced(test, "Test.SucceedVoid") })
        {
            Assert.NotEqual(ActivityStatusCode.Error, activity.Status);
            Assert.Null(activity.GetTagItem(MediBlocDiagnostics.Tags.ErrorType));
        }
        Assert.Equal(2, Traced(test, "Test.Succeed").GetTagItem(MediBlocDiagnostics.Tags.Records));
    }

    [Fact]
    public async Task A_contract_client_send_that_fails_is_marked_under_its_client_and_method()
    {
        using var test = StartTest();
        using var key = Secp256k1PrivateKey.Generate();
        var account = new Account(Convert.ToHexString(key.ExportPrivateKey()), 31337);
        var connection = new ChainConnection(new ChainClientTests.FailingClient(), account, new ChainConnectionOptions { MaxReadRetries = 0 });
        var token = new MedTokenClient(connection, EvmAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"));

        await Assert.ThrowsAsync<ChainException>(() => token.TransferAsync(EvmAddress.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"), 1));

        var activity = Traced(test, "MedTokenClient.Transfer");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(nameof(ChainException), activity.StatusDescription);
        Assert.Equal(typeof(ChainException).FullName, activity.GetTagItem(MediBlocDiagnostics.Tags.ErrorType));
    }

    /// <summary>A parent for the test's activities: other tests trace on the same source in parallel.</summary>
    private static Activity StartTest() => TestSource.StartActivity("test") ?? throw new InvalidOperationException("Nobody listens to the test source.");

    private Activity Traced(Activity test, string name) =>
        Assert.Single(_stopped, a => a.OperationName == name && a.Source.Name == MediBlocDiagnostics.ActivitySourceName && a.TraceId == test.TraceId);

    private static void AssertNoSecret(Activity activity)
    {
        Assert.DoesNotContain(Secret, activity.StatusDescription ?? string.Empty, StringComparison.Ordinal);
        Assert.All(activity.TagObjects, t => Assert.DoesNotContain(Secret, t.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
        Assert.Empty(activity.Events);
    }
}
