using MediBloc.Sdk.Crypto;
using System.Globalization;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>
/// A stranger with a funded key: a fresh secp256k1 key that no honest party in the test knows, given ether with
/// <c>anvil_setBalance</c> (anvil and the embedded chain both answer it), so an attack test never borrows an
/// account — or a nonce sequence — of the parties it attacks.
/// </summary>
internal sealed class Adversary
{
    private Adversary(ChainUnderTest chain, EthECKey key)
    {
        Chain = chain;
        PrivateKey = key.GetPrivateKeyAsBytes().ToHex(true);
        Address = EvmAddress.Parse(key.GetPublicAddress());
    }

    /// <summary>The chain the adversary acts on.</summary>
    public ChainUnderTest Chain { get; }

    /// <summary>The adversary's private key (0x-hex).</summary>
    public string PrivateKey { get; }

    /// <summary>The adversary's address.</summary>
    public EvmAddress Address { get; }

    /// <summary>Makes a new adversary holding <paramref name="ether"/> ether (default 100).</summary>
    public static async Task<Adversary> CreateAsync(ChainUnderTest chain, int ether = 100)
    {
        var adversary = new Adversary(chain, EthECKey.GenerateKey());
        var wei = BigInteger.Pow(10, 18) * ether;
        await chain.RpcAsync("anvil_setBalance", adversary.Address.ToString(), "0x" + wei.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));
        return adversary;
    }

    /// <summary>A <see cref="ChainConnection"/> signing with the adversary's key, to call the SDK's typed clients as the adversary.</summary>
    public ChainConnection Connect(ChainConnectionOptions? options = null) => Chain.ConnectKey(PrivateKey, options);
}
