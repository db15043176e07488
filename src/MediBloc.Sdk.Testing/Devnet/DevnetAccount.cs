namespace MediBloc.Sdk.Testing;

/// <summary>A funded development account of the devnet's EVM node.</summary>
/// <param name="Address">The EIP-55 checksummed address.</param>
/// <param name="PrivateKey">The 0x-prefixed hex private key. Development keys only: never use them on a real chain.</param>
public sealed record DevnetAccount(string Address, string PrivateKey)
{
    /// <summary>Shows the address only.</summary>
    public override string ToString() => Address;
}
