using MediBloc.Sdk.Crypto;
using Microsoft.Extensions.Logging;

namespace MediBloc.Sdk.Diagnostics;

/// <summary>The SDK's log messages. They name CIDs, commitments, content types and sizes — never a key, an address or plaintext.</summary>
internal static partial class SdkLog
{
    [LoggerMessage(1, LogLevel.Debug, "Sealed a {ContentType} record of {Bytes} bytes; commitment {Commitment} saved in the outbox")]
    public static partial void Sealed(ILogger logger, string contentType, int bytes, Commitment commitment);

    [LoggerMessage(2, LogLevel.Information, "Published record {Cid} (commitment {Commitment}) in block {BlockNumber}, gas {GasUsed}")]
    public static partial void Published(ILogger logger, string cid, Commitment commitment, long blockNumber, long gasUsed);

    [LoggerMessage(3, LogLevel.Warning, "Record with commitment {Commitment} waits in the outbox: {Reason}")]
    public static partial void LeftInOutbox(ILogger logger, string commitment, string reason, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Finished {Count} pending record(s) from the outbox")]
    public static partial void Resumed(ILogger logger, int count);

    [LoggerMessage(5, LogLevel.Information, "Opened record {Cid}: {Bytes} bytes of {ContentType}, commitment {Commitment} found on chain")]
    public static partial void Opened(ILogger logger, string cid, int bytes, string contentType, Commitment commitment);

    [LoggerMessage(6, LogLevel.Warning, "Opening record {Cid} failed: {Code}")]
    public static partial void OpenFailed(ILogger logger, string cid, string code, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Skipped the {Kind} manifest {Cid}: {Code}")]
    public static partial void ManifestSkipped(ILogger logger, string kind, string cid, string code);
}
