using System.Numerics;
using CsCheck;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using Nethereum.Model;
using Nethereum.Signer;

namespace MediBloc.Sdk.Crypto.Tests.Signers;

/// <summary>Raw signed transactions are byte-identical to Nethereum's signers for random fields.</summary>
public class EvmTransactionTests
{
    private static readonly Gen<BigInteger> Amounts = Gen.Select(Gen.Byte.Array[0, 32], b => new BigInteger(b, isUnsigned: true, isBigEndian: true));

    [Fact]
    public void Eip1559_transactions_match_Nethereum_Transaction1559Signer()
    {
        Gen.Select(Gen.Long[1, long.MaxValue / 4], Gen.Long[0, long.MaxValue], Amounts, Amounts, Gen.Long[0, 30_000_000], Gen.Byte.Array[0, 300], Gen.Bool)
            .Sample((chainId, nonce, fee, value, gas, data, create) =>
            {
                using var key = Secp256k1PrivateKey.Generate();
                EvmAddress? to = create ? null : Secp256k1PrivateKey.Generate().Address;
                var ours = new EvmTransaction
                {
                    ChainId = chainId, Nonce = nonce, GasLimit = gas, To = to, Value = value, Data = data,
                    MaxFeePerGas = fee + 7, MaxPriorityFeePerGas = fee,
                };
                var signed = new LocalKeySigner(key).SignTransactionAsync(ours).AsTask().Result;

                var theirs = new Transaction1559(chainId, nonce, fee, fee + 7, gas, to?.ToString(), value, "0x" + Convert.ToHexStringLower(data), []);
                var expected = new Transaction1559Signer().SignTransaction(key.ExportPrivateKey(), theirs);
                Assert.Equal(Strip(expected), Convert.ToHexStringLower(signed));
            }, iter: 60);
    }

    [Fact]
    public void Legacy_transactions_match_Nethereum_LegacyTransactionSigner()
    {
        Gen.Select(Gen.Long[1, 1L << 40], Gen.Long[0, 1L << 40], Amounts, Amounts, Gen.Long[21_000, 30_000_000], Gen.Byte.Array[0, 100])
            .Sample((chainId, nonce, price, value, gas, data) =>
            {
                using var key = Secp256k1PrivateKey.Generate();
                var to = Secp256k1PrivateKey.Generate().Address;
                var ours = new EvmTransaction
                {
                    Type = EvmTransactionType.Legacy, ChainId = chainId, Nonce = nonce, GasLimit = gas, To = to, Value = value, Data = data, GasPrice = price,
                };
                var signed = new LocalKeySigner(key).SignTransactionAsync(ours).AsTask().Result;
                var expected = new LegacyTransactionSigner().SignTransaction(key.ExportPrivateKey(), chainId, to.ToString(), value, nonce, price, gas, "0x" + Convert.ToHexStringLower(data));
                Assert.Equal(Strip(expected), Convert.ToHexStringLower(signed));
            }, iter: 60);
    }

    [Fact]
    public async Task The_signed_transaction_recovers_to_the_signer_in_Nethereum()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var transaction = new EvmTransaction { ChainId = 31337, Nonce = 5, GasLimit = 100_000, To = key.Address, MaxFeePerGas = 3, MaxPriorityFeePerGas = 1 };
        var signed = await new LocalKeySigner(key).SignTransactionAsync(transaction);
        var decoded = (Transaction1559)TransactionFactory.CreateTransaction(signed);
        Assert.Equal(key.Address.ToString(), decoded.GetSenderAddress(), ignoreCase: true);
        Assert.Equal(Convert.ToHexStringLower(Keccak256.Hash(signed)), Convert.ToHexStringLower(EvmTransaction.HashSigned(signed)));
    }

    private static string Strip(string hex) => hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex;
}
