using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using Microsoft.Extensions.Logging;

namespace MediBloc.IntegrationTests.Diagnostics;

/// <summary>Publishing and opening are traced and logged, and neither names a key, an address or the plaintext.</summary>
[Collection(DevnetCollection.Name)]
public sealed class DiagnosticsTests(DevnetFixture fixture)
{
    private const string Secret = "patient-secret-diagnosis-7f3a";

    [Fact]
    public async Task Publish_and_open_emit_one_activity_each_and_logs_without_identifying_data()
    {
        using var deployer = Secp256k1PrivateKey.FromHex(fixture.Devnet.Accounts[8].PrivateKey);
        using var patient = Secp256k1PrivateKey.FromHex(fixture.Devnet.Accounts[9].PrivateKey);
        using var provider = Secp256k1PrivateKey.Generate();
        var deployment = await MediBlocClient.DeployContractsAsync(fixture.Devnet.RpcUrl, deployer);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MediBloc.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainRpcUrl = fixture.Devnet.RpcUrl,
            IpfsApiUrl = fixture.Devnet.IpfsApiUrl,
            RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
            Outbox = new InMemoryRecordOutbox(),
        }, loggerFactory);

        var published = await client.GetPatientClient(patient).PublishAsync(Encoding.UTF8.GetBytes(Secret), "text/plain", [provider.PublicKey]);
        await client.GetProviderClient(provider).OpenAsync(published.Cid);

        var names = activities.Select(a => a.OperationName).ToList();
        Assert.Contains("PatientClient.Publish", names);
        Assert.Contains("ProviderClient.Open", names);
        var publish = activities.First(a => a.OperationName == "PatientClient.Publish");
        Assert.Equal(published.Cid.ToString(), publish.GetTagItem("medibloc.cid"));
        var text = string.Join('\n', logs.Messages);
        Assert.Contains($"Published record {published.Cid}", text, StringComparison.Ordinal);
        Assert.Contains($"Opened record {published.Cid}", text, StringComparison.Ordinal);
        var tags = string.Join('\n', activities.SelectMany(a => a.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        foreach (var forbidden in new[] { Secret, patient.Address.ToString()[2..], fixture.Devnet.Accounts[9].PrivateKey[2..] })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(forbidden, tags, StringComparison.OrdinalIgnoreCase);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception));
        }
    }
}
