using System.Diagnostics.Metrics;

namespace MediBloc.Sdk.Diagnostics;

/// <summary>The SDK's instruments (<see cref="MediBlocDiagnostics.Instruments"/>), on one meter.</summary>
internal static class SdkMetrics
{
    private static readonly Meter Meter = new(MediBlocDiagnostics.MeterName);

    private static readonly Counter<long> Published = Meter.CreateCounter<long>(MediBlocDiagnostics.Instruments.RecordsPublished, "{record}", "Records anchored, on their own or in a batch.");

    private static readonly Counter<long> Opened = Meter.CreateCounter<long>(MediBlocDiagnostics.Instruments.RecordsOpened, "{record}", "Records opened and verified.");

    private static readonly UpDownCounter<long> Outbox = Meter.CreateUpDownCounter<long>(MediBlocDiagnostics.Instruments.OutboxDepth, "{record}", "Records put in the outbox and not yet finished.");

    private static readonly Counter<long> Gas = Meter.CreateCounter<long>(MediBlocDiagnostics.Instruments.GasUsed, "{gas}", "Gas used by anchors.");

    private static readonly Counter<long> Stored = Meter.CreateCounter<long>(MediBlocDiagnostics.Instruments.BytesStored, "By", "Bytes of envelopes and manifests put into the content store.");

    public static void RecordsPublished(int records, bool batch) =>
        Published.Add(records, new KeyValuePair<string, object?>(MediBlocDiagnostics.Tags.Anchor, batch ? "batch" : "single"));

    public static void GasUsed(long gas)
    {
        if (gas > 0)
        {
            Gas.Add(gas);
        }
    }

    public static void RecordOpened() => Opened.Add(1);

    public static void OutboxChanged(int delta) => Outbox.Add(delta);

    public static void BytesStored(long bytes) => Stored.Add(bytes);
}
