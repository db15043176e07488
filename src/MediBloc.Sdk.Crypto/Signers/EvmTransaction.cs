using System.Numerics;
using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto.Signers;

/// <summary>
/// An unsigned EVM transaction: what a <see cref="MediBlocSigner"/> is asked to sign. It computes its own signing
/// hash and, given the signature, its signed raw form for <c>eth_sendRawTransaction</c>.
/// </summary>
/// <remarks>
/// Type-2 transactions (EIP-1559) are encoded as <c>0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
/// gasLimit, to, value, data, accessList])</c> with an empty access list; legacy transactions follow EIP-155. The
/// signed form appends the y-parity (type 2) or <c>v = recoveryId + 2·chainId + 35</c> (legacy), then r and s.
/// </remarks>
public sealed class EvmTransaction
{
    /// <summary>The envelope. Default <see cref="EvmTransactionType.Eip1559"/>.</summary>
    public EvmTransactionType Type { get; init; } = EvmTransactionType.Eip1559;

    /// <summary>The chain id the transaction is signed for.</summary>
    public required long ChainId { get; init; }

    /// <summary>The sender's nonce.</summary>
    public required long Nonce { get; init; }

    /// <summary>The gas limit.</summary>
    public required long GasLimit { get; init; }

    /// <summary>The recipient, or <see langword="null"/> to create a contract.</summary>
    public EvmAddress? To { get; init; }

    /// <summary>The value sent, in wei.</summary>
    public BigInteger Value { get; init; }

    /// <summary>The call data or the contract's init code.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The gas price in wei (legacy transactions only).</summary>
    public BigInteger GasPrice { get; init; }

    /// <summary>The fee cap per gas in wei (EIP-1559 only).</summary>
    public BigInteger MaxFeePerGas { get; init; }

    /// <summary>The priority fee per gas in wei (EIP-1559 only).</summary>
    public BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>The 32-byte Keccak-256 hash the sender signs.</summary>
    /// <returns>The signing hash.</returns>
    /// <exception cref="InvalidOperationException">A field is out of range (negative, or an unknown <see cref="Type"/>).</exception>
    public byte[] GetSigningHash()
    {
        Check();
        return Type == EvmTransactionType.Eip1559
            ? Keccak256.Hash([0x02, .. Fields1559().ToList()])
            : Keccak256.Hash(FieldsLegacy().Integer(ChainId).Integer(0).Integer(0).ToList());
    }

    /// <summary>Encodes the signed transaction, as sent with <c>eth_sendRawTransaction</c>.</summary>
    /// <param name="signature">The sender's signature of <see cref="GetSigningHash"/>, with its recovery id.</param>
    /// <returns>The raw signed transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signature"/> is null.</exception>
    /// <exception cref="ArgumentException">The signature has no recovery id.</exception>
    /// <exception cref="InvalidOperationException">A field is out of range.</exception>
    public byte[] EncodeSigned(EcdsaSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var recoveryId = signature.RecoveryId ?? throw new ArgumentException("A transaction signature needs its recovery id (the 65-byte r ‖ s ‖ v form).", nameof(signature));
        Check();
        var rs = signature.ToP1363();
        if (Type == EvmTransactionType.Eip1559)
        {
            var list = Fields1559().Integer(recoveryId).Scalar(rs.AsSpan(0, 32)).Scalar(rs.AsSpan(32, 32)).ToList();
            return [0x02, .. list];
        }

        var v = new BigInteger(recoveryId) + (new BigInteger(ChainId) * 2) + 35;
        return FieldsLegacy().Integer(v).Scalar(rs.AsSpan(0, 32)).Scalar(rs.AsSpan(32, 32)).ToList();
    }

    /// <summary>The transaction hash of a signed transaction (Keccak-256 of its raw form).</summary>
    /// <param name="signedTransaction">The raw signed transaction.</param>
    /// <returns>The 32-byte transaction hash.</returns>
    public static byte[] HashSigned(ReadOnlySpan<byte> signedTransaction) => Keccak256.Hash(signedTransaction);

    private Rlp Fields1559() => new Rlp()
        .Integer(ChainId)
        .Integer(Nonce)
        .Integer(MaxPriorityFeePerGas)
        .Integer(MaxFeePerGas)
        .Integer(GasLimit)
        .Bytes(To is { } to ? to.ToBytes() : [])
        .Integer(Value)
        .Bytes(Data.Span)
        .Encoded(Rlp.EmptyList);

    private Rlp FieldsLegacy() => new Rlp()
        .Integer(Nonce)
        .Integer(GasPrice)
        .Integer(GasLimit)
        .Bytes(To is { } to ? to.ToBytes() : [])
        .Integer(Value)
        .Bytes(Data.Span);

    private void Check()
    {
        if (Type is not (EvmTransactionType.Eip1559 or EvmTransactionType.Legacy))
        {
            throw new InvalidOperationException($"Unknown transaction type {(int)Type}.");
        }
        if (ChainId < 1 || Nonce < 0 || GasLimit < 0 || Value.Sign < 0 || GasPrice.Sign < 0 || MaxFeePerGas.Sign < 0 || MaxPriorityFeePerGas.Sign < 0)
        {
            throw new InvalidOperationException("A transaction field is out of range: the chain id must be positive and every other number non-negative.");
        }
    }
}
