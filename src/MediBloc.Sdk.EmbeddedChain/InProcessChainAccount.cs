namespace MediBloc.Sdk.EmbeddedChain;

/// <summary>A funded development account of the embedded chain.</summary>
/// <param name="Address">The EIP-55 checksummed address.</param>
/// <param name="PrivateKey">The 0x-prefixed hex private key. Development keys only: they are public, never use them on a real chain.</param>
public sealed record InProcessChainAccount(string Address, string PrivateKey)
{
    /// <summary>Shows the address only.</summary>
    public override string ToString() => Address;
}
