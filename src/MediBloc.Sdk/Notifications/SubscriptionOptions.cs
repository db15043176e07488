namespace MediBloc.Sdk.Notifications;

/// <summary>
/// How a subscription polls the chain: from which block, and how often. A subscription reads each block range
/// exactly once (<c>eth_getLogs</c> from the block after the last one read up to the latest), so it neither misses
/// nor repeats an event on a chain without reorganisations (a devnet, or a chain read at finality).
/// </summary>
public sealed class SubscriptionOptions
{
    /// <summary>The first block to deliver events from; <see langword="null"/> (the default) for the block after the latest when the subscription starts.</summary>
    public long? FromBlock { get; set; }

    /// <summary>How long to wait between polls. Default one second.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the subscription rides out a node that cannot be reached (a restart, a network blip): it keeps
    /// polling the same block range, so nothing is missed, and only after this long without an answer does the
    /// enumeration end with the <see cref="ChainException"/> (<see cref="MediBlocErrorCode.NodeUnavailable"/>).
    /// Default five minutes; <see cref="TimeSpan.Zero"/> ends it at the first failure.
    /// </summary>
    public TimeSpan MaxOutage { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FromBlock"/> is negative, <see cref="PollingInterval"/> is not positive or <see cref="MaxOutage"/> is negative.</exception>
    public void Validate()
    {
        if (FromBlock is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FromBlock), FromBlock, "The first block cannot be negative.");
        }
        if (PollingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollingInterval), PollingInterval, "The polling interval must be positive.");
        }
        if (MaxOutage < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutage), MaxOutage, "The longest outage ridden out cannot be negative.");
        }
    }
}
