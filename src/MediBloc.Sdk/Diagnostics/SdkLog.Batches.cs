using Microsoft.Extensions.Logging;

namespace MediBloc.Sdk.Diagnostics;

internal static partial class SdkLog
{
    [LoggerMessage(40, LogLevel.Debug, "Sealed a batch of {Count} records ({Bytes} bytes of envelopes); batch {BatchId} saved in the outbox")]
    public static partial void BatchSealed(ILogger logger, int count, long bytes, string batchId);

    [LoggerMessage(41, LogLevel.Information, "Published a batch of {Count} records under root {Root} (manifest {ManifestCid}) in block {BlockNumber}, gas {GasUsed}")]
    public static partial void BatchPublished(ILogger logger, int count, string root, string manifestCid, long blockNumber, long gasUsed);

    [LoggerMessage(42, LogLevel.Warning, "Batch {BatchId} waits in the outbox: {Reason}")]
    public static partial void BatchLeftInOutbox(ILogger logger, string batchId, string reason, Exception exception);
}
