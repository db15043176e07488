namespace MediBloc.Sdk.Crypto.Signers;

/// <summary>The envelope of an EVM transaction.</summary>
public enum EvmTransactionType
{
    /// <summary>A legacy transaction with a gas price, replay-protected by its chain id (EIP-155).</summary>
    Legacy = 0,

    /// <summary>A type-2 transaction with a fee cap and a priority fee (EIP-1559), without an access list.</summary>
    Eip1559 = 2,
}
