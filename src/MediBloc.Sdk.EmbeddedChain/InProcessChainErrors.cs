namespace MediBloc.Sdk.EmbeddedChain;

/// <summary>
/// The error codes the embedded chain puts on the <see cref="ChainException"/>s it raises (besides
/// <see cref="MediBlocErrorCode.TransactionReverted"/> for a reverted call or estimate). A node rejects the same
/// transactions, so the codes name the node-side reason.
/// </summary>
public static class InProcessChainErrors
{
    /// <summary>The transaction's nonce was already used by the sender.</summary>
    public static MediBlocErrorCode NonceTooLow { get; } = new("NonceTooLow");

    /// <summary>The transaction's nonce is more than <see cref="InProcessChain.MaxQueuedNonceGap"/> ahead of the sender's next, too far to wait in the sender's queue.</summary>
    public static MediBlocErrorCode NonceTooHigh { get; } = new("NonceTooHigh");

    /// <summary>The transaction was signed for another chain id (or without one where one is required).</summary>
    public static MediBlocErrorCode WrongChainId { get; } = new("WrongChainId");

    /// <summary>The sender cannot pay gas limit × fee + value.</summary>
    public static MediBlocErrorCode InsufficientFunds { get; } = new("InsufficientFunds");

    /// <summary>The gas limit is below the intrinsic gas (21 000 + calldata + creation costs, or the EIP-7623 floor).</summary>
    public static MediBlocErrorCode IntrinsicGasTooLow { get; } = new("IntrinsicGasTooLow");

    /// <summary>The gas limit exceeds the block gas limit.</summary>
    public static MediBlocErrorCode GasLimitTooHigh { get; } = new("GasLimitTooHigh");

    /// <summary>The fee per gas is below the block's base fee, or the priority fee exceeds the maximum fee.</summary>
    public static MediBlocErrorCode FeeTooLow { get; } = new("FeeTooLow");

    /// <summary>The transaction could not be decoded or its signature does not recover a sender.</summary>
    public static MediBlocErrorCode InvalidTransaction { get; } = new("InvalidTransaction");

    /// <summary>A JSON-RPC method the embedded chain does not implement.</summary>
    public static MediBlocErrorCode MethodNotSupported { get; } = new("MethodNotSupported");

    /// <summary>A JSON-RPC request whose parameters are missing or malformed.</summary>
    public static MediBlocErrorCode InvalidParameters { get; } = new("InvalidParameters");

    /// <summary>A block asked for has not been mined yet.</summary>
    public static MediBlocErrorCode UnknownBlock { get; } = new("UnknownBlock");

    /// <summary>The sender of <c>eth_sendTransaction</c> is not one of the chain's dev accounts.</summary>
    public static MediBlocErrorCode UnknownAccount { get; } = new("UnknownAccount");

    /// <summary>A chain journal (see <see cref="InProcessChain.OpenAsync(string, InProcessChainOptions?, CancellationToken)"/>) is damaged, is not a journal, or holds an entry that no longer replays.</summary>
    public static MediBlocErrorCode JournalCorrupted { get; } = new("JournalCorrupted");

    /// <summary>A chain journal was written by a chain with other settings (chain id, dev accounts, balances, gas limit or base fee).</summary>
    public static MediBlocErrorCode JournalMismatch { get; } = new("JournalMismatch");

    /// <summary>Another process appended to the chain journal since this chain loaded it.</summary>
    public static MediBlocErrorCode JournalConflict { get; } = new("JournalConflict");
}
