using System.Diagnostics;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage.Local;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Sdk.Tests.Diagnostics;

/// <summary>Runs alone: the SDK's meter is process-wide, so the counts are this test's only.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>The SDK's traces and metrics, collected by the OpenTelemetry SDK as an application would wire it.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-telemetry-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Publishing_and_opening_show_in_the_traces_and_the_metrics()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        #region Snippet:OpenTelemetry
        using var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource(MediBlocDiagnostics.ActivitySourceName, MediBlocDiagnostics.StorageActivitySourceName)
            .AddInMemoryExporter(activities)          // or your exporter: OTLP, console, Azure Monitor …
            .Build();
        using var meters = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddMeter(MediBlocDiagnostics.MeterName)
            .AddInMemoryExporter(metrics)
            .Build();
        #endregion
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ContentStore = new LocalContentStore(_folder),
            Outbox = new InMemoryRecordOutbox(),
            BatchAnchorThreshold = 4,
        }.UseDeployment(deployment).UseInProcessChain(chain));
        using var patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        var patient = client.GetPatientClient(patientKey);

        var single = await patient.PublishAsync("{\"resourceType\":\"Basic\"}"u8.ToArray(), "application/fhir+json");
        var batch = await patient.PublishManyAsync(Enumerable.Range(0, 5).Select(i => new RecordToPublish(new byte[100 + i], "application/octet-stream")));
        await client.GetProviderClient(patientKey).OpenAsync(single.Cid);
        meters.ForceFlush();
        tracing.ForceFlush();

        Assert.Equal(1, Sum(metrics, MediBlocDiagnostics.Instruments.RecordsPublished, (MediBlocDiagnostics.Tags.Anchor, "single")));
        Assert.Equal(5, Sum(metrics, MediBlocDiagnostics.Instruments.RecordsPublished, (MediBlocDiagnostics.Tags.Anchor, "batch")));
        Assert.Equal(1, Sum(metrics, MediBlocDiagnostics.Instruments.RecordsOpened));
        Assert.Equal(0, Sum(metrics, MediBlocDiagnostics.Instruments.OutboxDepth)); // six in, six finished
        Assert.Equal(single.GasUsed + batch[0].GasUsed, Sum(metrics, MediBlocDiagnostics.Instruments.GasUsed));
        Assert.True(Sum(metrics, MediBlocDiagnostics.Instruments.BytesStored) > single.EnvelopeLength + batch.Sum(r => r.EnvelopeLength)); // and the manifest
        var publish = Assert.Single(activities, a => a.OperationName == "PatientClient.Publish");
        Assert.Equal(single.Cid.ToString(), publish.GetTagItem(MediBlocDiagnostics.Tags.Cid));
        Assert.Contains(activities, a => a.OperationName == "ProviderClient.Open" && a.Status != ActivityStatusCode.Error);
        Assert.Contains(activities, a => a.Source.Name == MediBlocDiagnostics.ActivitySourceName && a.GetTagItem(MediBlocDiagnostics.Tags.Contract) is not null);
    }

    private static long Sum(List<Metric> metrics, string name, (string Key, string Value)? tag = null)
    {
        long total = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var matches = tag is null;
                foreach (var t in point.Tags)
                {
                    matches |= tag is { } wanted && t.Key == wanted.Key && Equals(t.Value, wanted.Value);
                }
                if (matches)
                {
                    total += point.GetSumLong();
                }
            }
        }
        return total;
    }
}
