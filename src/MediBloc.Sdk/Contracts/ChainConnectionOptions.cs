namespace MediBloc.Sdk.Contracts;

/// <summary>How a <see cref="ChainConnection"/> talks to its node: timeouts, receipt polling and gas.</summary>
/// <remarks>The defaults suit a public chain and a local devnet alike; every wait is bounded.</remarks>
public sealed class ChainConnectionOptions
{
    /// <summary>How long one JSON-RPC request may take before the node counts as unavailable. Default 30 seconds.</summary>
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest pause between two asks for a transaction's receipt while waiting for it. Default 100 milliseconds.
    /// The first ask follows the send at once; the pauses then grow from 1 ms, doubling, up to this interval, so a
    /// devnet that mines a few milliseconds after the send costs a few milliseconds, not a whole interval.
    /// </summary>
    public TimeSpan ReceiptPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long to wait for a sent transaction to be mined. Default 2 minutes.</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A fixed gas limit for every transaction, or <see langword="null"/> (the default) to estimate each one.
    /// With a fixed limit a revert is only seen in the mined receipt (status 0); the connection then replays
    /// the call to decode the revert, so callers still get a <see cref="ChainException"/> with the error's name.
    /// </summary>
    public long? FixedGasLimit { get; set; }

    /// <summary>
    /// Whether a transaction is sent with <c>eth_sendRawTransactionSync</c> (EIP-7966), which answers with the receipt
    /// once the transaction is mined, instead of <c>eth_sendRawTransaction</c> and asking for the receipt until it
    /// is there. Default false. Meant for a node that mines on send (anvil's automine): an anchor then costs one
    /// round trip and no polling. One connection's sends wait for each other's receipts, so leave it off on a chain
    /// with a block time. A node without the method is asked the usual way from then on; a sync send the node gives up
    /// on (not mined in its own time limit) is waited for as usual.
    /// </summary>
    public bool SendAndWaitInOneCall { get; set; }

    /// <summary>How many blocks one <c>eth_getLogs</c> request covers when reading events. Default 10 000.</summary>
    public int LogPageSize { get; set; } = 10_000;

    /// <summary>
    /// How many times a read (a view call, an event query, the block number) is retried while the node is
    /// unavailable, with exponential backoff from <see cref="ReadRetryDelay"/> and jitter. Default 3; 0 turns
    /// retries off. Transactions are not retried: a publish left half-way is finished by the outbox's resume.
    /// </summary>
    public int MaxReadRetries { get; set; } = 3;

    /// <summary>The first delay before a read is retried; each next one doubles. Default 200 milliseconds.</summary>
    public TimeSpan ReadRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Whether waiting for a sent transaction's receipt rides out a node that is briefly unreachable (a restart)
    /// until <see cref="ReceiptTimeout"/>, instead of failing at the first refused connection. Default true.
    /// </summary>
    public bool WaitForReceiptThroughOutages { get; set; } = true;

    /// <summary>
    /// How long the fees asked of the node (the latest base fee and the suggested priority fee, or the gas price on a
    /// chain without EIP-1559) are reused for the next transactions. Default 2 seconds; zero asks before every send.
    /// The EIP-1559 fee cap offered is twice the base fee plus the priority fee, which stays above the base fee for six
    /// full blocks of rises, and only the fee actually charged is paid.
    /// </summary>
    public TimeSpan FeeRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks the values; called once by the connection's constructor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RpcTimeout, TimeSpan.Zero, nameof(RpcTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReceiptPollingInterval, TimeSpan.Zero, nameof(ReceiptPollingInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReceiptTimeout, TimeSpan.Zero, nameof(ReceiptTimeout));
        if (FixedGasLimit is { } gas)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(gas, 21_000L, nameof(FixedGasLimit));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(LogPageSize, 1, nameof(LogPageSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxReadRetries, nameof(MaxReadRetries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxReadRetries, 10, nameof(MaxReadRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadRetryDelay, TimeSpan.Zero, nameof(ReadRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(FeeRefreshInterval, TimeSpan.Zero, nameof(FeeRefreshInterval));
    }

    internal ChainConnectionOptions Clone() => (ChainConnectionOptions)MemberwiseClone();
}
