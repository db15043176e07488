using System.Numerics;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.EVM.Gas;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>Decodes a raw signed transaction (legacy, EIP-2930 or EIP-1559) and recovers its sender.</summary>
internal static class RawTransactionDecoder
{
    public static DecodedTransaction Decode(string rawHex)
    {
        byte[] raw;
        ISignedTransaction signed;
        try
        {
            raw = rawHex.HexToByteArray();
            signed = TransactionFactory.CreateTransaction(raw);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Reject(InProcessChainErrors.InvalidTransaction, "The raw transaction is not valid RLP for a legacy, EIP-2930 or EIP-1559 transaction.", ex);
        }

        var from = RecoverSender(signed);

        var hash = Keccak256.Hash(raw).ToHex(true);
        var sig = signed.Signature;
        string? v = sig?.V?.ToHex(true), r = sig?.R?.ToHex(true), s = sig?.S?.ToHex(true);
        switch (signed)
        {
            case Transaction1559 t:
                return new DecodedTransaction(
                    new TransactionRequest
                    {
                        From = from,
                        To = NullIfEmpty(t.ReceiverAddress),
                        Data = Bytes(t.Data),
                        Value = t.Amount ?? BigInteger.Zero,
                        GasLimit = t.GasLimit ?? BigInteger.Zero,
                        Nonce = t.Nonce ?? BigInteger.Zero,
                        MaxFeePerGas = t.MaxFeePerGas ?? BigInteger.Zero,
                        MaxPriorityFeePerGas = t.MaxPriorityFeePerGas ?? BigInteger.Zero,
                        IsEip1559 = true,
                        AccessList = AccessList(t.AccessList),
                    },
                    2, t.ChainId, hash, v, r, s);
            case Transaction2930 t:
                return new DecodedTransaction(
                    new TransactionRequest
                    {
                        From = from,
                        To = NullIfEmpty(t.ReceiverAddress),
                        Data = Bytes(t.Data),
                        Value = t.Amount ?? BigInteger.Zero,
                        GasLimit = t.GasLimit ?? BigInteger.Zero,
                        Nonce = t.Nonce ?? BigInteger.Zero,
                        GasPrice = t.GasPrice ?? BigInteger.Zero,
                        AccessList = AccessList(t.AccessList),
                    },
                    1, t.ChainId, hash, v, r, s);
            case SignedLegacyTransaction t:
                BigInteger? chainId = t is LegacyTransactionChainId withChain ? withChain.GetChainIdAsBigInteger() : null;
                return new DecodedTransaction(
                    new TransactionRequest
                    {
                        From = from,
                        To = t.ReceiveAddress is { Length: > 0 } to ? Addresses.FromBytes(to) : null,
                        Data = t.Data ?? [],
                        Value = t.Value.ToBigIntegerFromRLPDecoded(),
                        GasLimit = t.GasLimit.ToBigIntegerFromRLPDecoded(),
                        Nonce = t.Nonce.ToBigIntegerFromRLPDecoded(),
                        GasPrice = t.GasPrice.ToBigIntegerFromRLPDecoded(),
                    },
                    0, chainId, hash, v, r, s);
            default:
                throw Reject(InProcessChainErrors.InvalidTransaction, $"Transaction type {signed.TransactionType} is not supported by the embedded chain (legacy, EIP-2930 and EIP-1559 are).");
        }
    }

    private static string RecoverSender(ISignedTransaction signed)
    {
        string? from = null, error;
        try
        {
            var sig = signed.Signature ?? throw new FormatException("unsigned");
            var v = sig.V is { Length: > 0 } vb ? new BigInteger(vb, isUnsigned: true, isBigEndian: true) : BigInteger.Zero;
            var recoveryId = signed switch
            {
                Transaction1559 or Transaction2930 => v,
                LegacyTransactionChainId withChain when v >= 35 => v - 35 - (2 * withChain.GetChainIdAsBigInteger()),
                _ => v - 27,
            };
            (from, error) = recoveryId.IsZero || recoveryId.IsOne
                ? SenderRecovery.Recover(signed.RawHash, sig.R ?? [], sig.S ?? [], (int)recoveryId)
                : (null, "the signature's v does not match a recovery id for this transaction type and chain id");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Reject(InProcessChainErrors.InvalidTransaction, "The transaction's signature is invalid: no sender can be recovered from it.", ex);
        }
        return from ?? throw Reject(InProcessChainErrors.InvalidTransaction, $"The transaction's signature is invalid: {error}.");
    }

    private static string? NullIfEmpty(string? address) =>
        string.IsNullOrEmpty(address) || address == "0x" ? null : Addresses.Normalize(address);

    private static byte[] Bytes(string? hex) => string.IsNullOrEmpty(hex) || hex == "0x" ? [] : hex.HexToByteArray();

    private static List<AccessListEntry>? AccessList(List<AccessListItem>? items) =>
        items is null || items.Count == 0
            ? null
            : items.Select(i => new AccessListEntry
            {
                Address = i.Address,
                StorageKeys = (i.StorageKeys ?? []).Select(k => k.ToHex(true)).ToList(),
            }).ToList();

    internal static ChainException Reject(MediBlocErrorCode code, string message, Exception? inner = null) =>
        new(message, code, inner);
}
