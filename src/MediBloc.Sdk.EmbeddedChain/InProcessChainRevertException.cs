namespace MediBloc.Sdk.EmbeddedChain;

/// <summary>
/// A call or gas estimate reverted on the embedded chain (code <see cref="MediBlocErrorCode.TransactionReverted"/>).
/// <see cref="RevertData"/> holds the raw revert data (a Solidity custom error's selector and arguments, or an
/// <c>Error(string)</c>), which the JSON-RPC client returns as the error's <c>data</c>, as anvil does, so revert
/// decoders work unchanged.
/// </summary>
public class InProcessChainRevertException : ChainException
{
    /// <summary>Creates the exception with a default message.</summary>
    public InProcessChainRevertException() : this("Execution reverted.", "0x") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What reverted.</param>
    public InProcessChainRevertException(string message) : this(message, "0x") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What reverted.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public InProcessChainRevertException(string message, Exception? innerException)
        : base(message, MediBlocErrorCode.TransactionReverted, innerException)
    {
        RevertData = "0x";
    }

    /// <summary>Creates the exception with the revert data.</summary>
    /// <param name="message">What reverted.</param>
    /// <param name="revertData">The 0x-prefixed hex revert data.</param>
    public InProcessChainRevertException(string message, string revertData)
        : base(message, MediBlocErrorCode.TransactionReverted)
    {
        ArgumentNullException.ThrowIfNull(revertData);
        RevertData = revertData;
    }

    /// <summary>The raw revert data, 0x-prefixed hex (<c>0x</c> when the contract reverted without data).</summary>
    public string RevertData { get; }
}
