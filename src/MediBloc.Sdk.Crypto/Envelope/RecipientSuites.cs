using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto;

/// <summary>What a recipient entry gave when a key tried it.</summary>
internal enum EntryResult
{
    Opened,
    NotForThisKey,
    Malformed,
}

/// <summary>One key-wrap suite as the envelope uses it: wrap the data key for a recipient, try an entry with a key.</summary>
/// <typeparam name="TPublic">The recipients' public key type.</typeparam>
/// <typeparam name="TPrivate">The recipients' private key type.</typeparam>
internal abstract class RecipientSuite<TPublic, TPrivate>
    where TPublic : class
    where TPrivate : class
{
    internal abstract KeyWrapSuite Id { get; }

    /// <summary>The leading bytes of an entry that identify it (its ephemeral public key).</summary>
    internal abstract int EphemeralSize { get; }

    /// <summary>The recipient's entry: the data key wrapped with the ephemeral key derived from the data key and the recipient.</summary>
    internal abstract byte[] WrapFor(EnvelopeKeys keys, TPublic recipient);

    /// <summary>Tries to unwrap <paramref name="entry"/> into <paramref name="dataKey"/>.</summary>
    internal abstract EntryResult TryOpen(byte[] entry, TPrivate key, Span<byte> dataKey);
}

/// <summary>Key-wrap suite 1: ECIES on secp256k1.</summary>
internal sealed class Secp256k1Recipients : RecipientSuite<Secp256k1PublicKey, Secp256k1PrivateKey>
{
    internal static readonly Secp256k1Recipients Instance = new();

    internal override KeyWrapSuite Id => KeyWrapSuite.EciesSecp256k1;

    internal override int EphemeralSize => 33;

    internal override byte[] WrapFor(EnvelopeKeys keys, Secp256k1PublicKey recipient)
    {
        using var ephemeral = keys.DeriveEphemeral(recipient);
        return EciesKeyWrap.Wrap(keys.DataKey, recipient, default, ephemeral);
    }

    internal override EntryResult TryOpen(byte[] entry, Secp256k1PrivateKey key, Span<byte> dataKey)
    {
        var ephemeral = Secp256k1Curve.TryDecodePoint(entry.AsSpan(0, EphemeralSize));
        if (ephemeral is null)
        {
            return EntryResult.Malformed;
        }

        return EciesKeyWrap.TryUnwrap(entry, new Secp256k1PublicKey(ephemeral), key, default, dataKey) ? EntryResult.Opened : EntryResult.NotForThisKey;
    }
}

/// <summary>Key-wrap suite 2: ECIES on X25519.</summary>
internal sealed class X25519Recipients : RecipientSuite<X25519PublicKey, X25519PrivateKey>
{
    internal static readonly X25519Recipients Instance = new();

    internal override KeyWrapSuite Id => KeyWrapSuite.EciesX25519;

    internal override int EphemeralSize => X25519KeyWrap.EphemeralSize;

    internal override byte[] WrapFor(EnvelopeKeys keys, X25519PublicKey recipient)
    {
        using var ephemeral = keys.DeriveEphemeral(recipient);
        return X25519KeyWrap.Wrap(keys.DataKey, recipient, default, ephemeral);
    }

    internal override EntryResult TryOpen(byte[] entry, X25519PrivateKey key, Span<byte> dataKey) =>
        X25519KeyWrap.TryUnwrap(entry, key, default, dataKey) switch
        {
            X25519KeyWrap.UnwrapResult.Opened => EntryResult.Opened,
            X25519KeyWrap.UnwrapResult.LowOrderEphemeral => EntryResult.Malformed,
            _ => EntryResult.NotForThisKey,
        };
}
