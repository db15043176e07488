using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using Nethereum.Model;
using Nethereum.Signer;

namespace MediBloc.Benchmarks.Crypto;

/// <summary>
/// One EIP-1559 transaction (an anchor's size of call data) signed into its raw form two ways: the SDK's
/// <see cref="LocalKeySigner"/> over <see cref="EvmTransaction"/>, and Nethereum's <see cref="Transaction1559Signer"/>
/// with a prepared <see cref="EthECKey"/>. Both produce the same bytes.
/// </summary>
internal sealed class TransactionSigning : IDisposable
{
    private const long ChainId = 31337;
    private readonly Secp256k1PrivateKey _key = Secp256k1PrivateKey.Generate();
    private readonly LocalKeySigner _signer;
    private readonly EthECKey _ethKey;
    private readonly Transaction1559Signer _nethereum = new();
    private readonly byte[] _data = RandomNumberGenerator.GetBytes(196);
    private readonly string _dataHex;
    private readonly EvmAddress _to = Secp256k1PrivateKey.Generate().Address;
    private long _nonce;

    public TransactionSigning()
    {
        _signer = new LocalKeySigner(_key);
        _ethKey = new EthECKey(_key.ExportPrivateKey(), true);
        _dataHex = "0x" + Convert.ToHexStringLower(_data);
    }

    /// <summary>Signs with the SDK signer; a new nonce each time so no work is cached between calls.</summary>
    public byte[] SignWithSdk()
    {
        var transaction = new EvmTransaction
        {
            ChainId = ChainId, Nonce = _nonce++, GasLimit = 120_000, To = _to, Data = _data,
            MaxFeePerGas = 3_000_000_000, MaxPriorityFeePerGas = 1_000_000_000,
        };
        return _signer.SignTransactionAsync(transaction).GetAwaiter().GetResult();
    }

    /// <summary>Signs with Nethereum's EIP-1559 signer.</summary>
    public string SignWithNethereum()
    {
        var transaction = new Transaction1559(ChainId, _nonce++, 1_000_000_000, 3_000_000_000, 120_000, _to.ToString(), 0, _dataHex, null);
        return _nethereum.SignTransaction(_ethKey, transaction);
    }

    public void Dispose() => _key.Dispose();
}
