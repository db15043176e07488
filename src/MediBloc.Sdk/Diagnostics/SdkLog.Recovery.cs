using Microsoft.Extensions.Logging;

namespace MediBloc.Sdk.Diagnostics;

/// <summary>Log messages of key backup, recovery and restore, and of MED payments (no key, address or plaintext).</summary>
internal static partial class SdkLog
{
    [LoggerMessage(401, LogLevel.Information, "Key backed up {Threshold}-of-{Shares}; manifest {Cid} anchored")]
    public static partial void KeyBackedUp(ILogger logger, int threshold, int shares, string cid);

    [LoggerMessage(402, LogLevel.Information, "Released a key share of backup {Cid} to a new device")]
    public static partial void KeyShareReleased(ILogger logger, string cid);

    [LoggerMessage(403, LogLevel.Information, "Recovered a key from {Shares} guardian share(s)")]
    public static partial void KeyRecovered(ILogger logger, int shares);

    [LoggerMessage(404, LogLevel.Warning, "Restoring record {Cid} failed: {Code}")]
    public static partial void RestoreFailed(ILogger logger, string cid, string code, Exception exception);

    [LoggerMessage(405, LogLevel.Information, "Restored {Restored} record(s); {Failed} could not be restored")]
    public static partial void Restored(ILogger logger, int restored, int failed);

    [LoggerMessage(406, LogLevel.Information, "Paid {Cost} (smallest MED unit) to {Workflow} in transaction {TransactionHash}")]
    public static partial void PaidWithMed(ILogger logger, string cost, string workflow, string transactionHash);
}
