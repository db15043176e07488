using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// Guardian recovery: Shamir secret sharing (k-of-n over GF(2^8), one random polynomial per key byte) of a
/// secp256k1 private key, and sealing each share to its guardian with <see cref="RecordEnvelope"/>.
/// </summary>
/// <remarks>Guarantee: any <c>threshold</c> distinct shares recover the key; fewer give no information about it.
/// Shares are not authenticated on their own — a guardian holding a share could alter it — so
/// <see cref="Combine"/> checks the result against the split key's address and throws when it does not match.</remarks>
public static class GuardianShares
{
    /// <summary>The most shares one split can make (share indices are 1 to 255).</summary>
    public const int MaxShares = 255;

    /// <summary>The content type of a sealed share.</summary>
    public const string SealedShareContentType = "application/vnd.medibloc.key-share";

    /// <summary>Splits a private key into <paramref name="shareCount"/> shares, any <paramref name="threshold"/> of which recover it.</summary>
    /// <param name="key">The key to split.</param>
    /// <param name="threshold">How many shares recover the key: 1 to <paramref name="shareCount"/> (2 or more for real secrecy).</param>
    /// <param name="shareCount">How many shares to make: 1 to 255.</param>
    /// <returns>The shares with indices 1..n; dispose them when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The counts are out of range.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="key"/> was disposed.</exception>
    public static IReadOnlyList<KeyShare> Split(Secp256k1PrivateKey key, int threshold, int shareCount)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(shareCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shareCount, MaxShares);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, shareCount);

        var secret = key.ExportPrivateKey();
        var coefficients = new byte[threshold];
        try
        {
            var values = new byte[shareCount][];
            for (var s = 0; s < shareCount; s++)
            {
                values[s] = new byte[KeyShare.ValueLength];
            }

            for (var b = 0; b < KeyShare.ValueLength; b++)
            {
                coefficients[0] = secret[b];
                RandomNumberGenerator.Fill(coefficients.AsSpan(1));
                for (var s = 0; s < shareCount; s++)
                {
                    values[s][b] = Evaluate(coefficients, (byte)(s + 1));
                }
            }

            return [.. values.Select((value, s) => new KeyShare(threshold, s + 1, key.Address, value))];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(coefficients);
        }
    }

    /// <summary>Recovers the key from at least <see cref="KeyShare.Threshold"/> distinct shares of one split.</summary>
    /// <param name="shares">The shares; extra shares beyond the threshold are ignored.</param>
    /// <returns>The recovered key; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shares"/> or a share is null.</exception>
    /// <exception cref="InvalidFormatException">There are fewer distinct shares than the threshold, or the shares come from different splits.</exception>
    /// <exception cref="IntegrityException">The shares combine to a key other than the one split (<see cref="IntegrityCheck.Commitment"/>): a share was altered.</exception>
    public static Secp256k1PrivateKey Combine(IReadOnlyList<KeyShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0)
        {
            throw new InvalidFormatException("No key shares were given.");
        }

        foreach (var share in shares)
        {
            ArgumentNullException.ThrowIfNull(share, nameof(shares));
        }

        var first = shares[0];
        if (shares.Any(s => s.Threshold != first.Threshold || s.Address != first.Address))
        {
            throw new InvalidFormatException("The key shares come from different splits (their thresholds or addresses differ).");
        }

        var distinct = shares.DistinctBy(s => s.Index).Take(first.Threshold).ToArray();
        if (distinct.Length < first.Threshold)
        {
            throw new InvalidFormatException($"Recovering this key needs {first.Threshold} distinct shares; got {distinct.Length}.");
        }

        var secret = new byte[KeyShare.ValueLength];
        try
        {
            for (var i = 0; i < distinct.Length; i++)
            {
                var xi = (byte)distinct[i].Index;
                byte basis = 1;
                for (var j = 0; j < distinct.Length; j++)
                {
                    if (j != i)
                    {
                        var xj = (byte)distinct[j].Index;
                        basis = Gf256.Multiply(basis, Gf256.Multiply(xj, Gf256.Inverse((byte)(xj ^ xi))));
                    }
                }

                var value = distinct[i].Value;
                for (var b = 0; b < secret.Length; b++)
                {
                    secret[b] ^= Gf256.Multiply(value[b], basis);
                }
            }

            Secp256k1PrivateKey key;
            try
            {
                key = Secp256k1PrivateKey.Import(secret);
            }
            catch (InvalidFormatException ex)
            {
                throw Mismatch(ex);
            }

            if (key.Address != first.Address)
            {
                key.Dispose();
                throw Mismatch(null);
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Seals a share to its guardian's public key (an envelope only that key opens).</summary>
    /// <param name="share">The share.</param>
    /// <param name="guardian">The guardian's public key.</param>
    /// <returns>The sealed share (an envelope v1 with content type <see cref="SealedShareContentType"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="share"/> was disposed.</exception>
    public static byte[] Seal(KeyShare share, Secp256k1PublicKey guardian)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(guardian);
        var encoded = share.ToBytes();
        try
        {
            return RecordEnvelope.Seal(encoded, SealedShareContentType, [guardian]).Envelope.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }
    }

    /// <summary>Splits a key and seals share i to guardian i.</summary>
    /// <param name="key">The key to split.</param>
    /// <param name="threshold">How many guardians must cooperate to recover the key.</param>
    /// <param name="guardians">The guardians' public keys, one share each.</param>
    /// <returns>The sealed shares, in the order of <paramref name="guardians"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument or a guardian is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold or the number of guardians is out of range.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="key"/> was disposed.</exception>
    public static IReadOnlyList<byte[]> SplitAndSeal(Secp256k1PrivateKey key, int threshold, IReadOnlyList<Secp256k1PublicKey> guardians)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(guardians);
        foreach (var guardian in guardians)
        {
            ArgumentNullException.ThrowIfNull(guardian, nameof(guardians));
        }

        var shares = Split(key, threshold, guardians.Count);
        try
        {
            return [.. shares.Select((share, i) => Seal(share, guardians[i]))];
        }
        finally
        {
            foreach (var share in shares)
            {
                share.Dispose();
            }
        }
    }

    /// <summary>Opens a sealed share with the guardian's private key.</summary>
    /// <param name="sealedShare">The sealed share.</param>
    /// <param name="guardianKey">The guardian's private key.</param>
    /// <returns>The share; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="guardianKey"/> is null.</exception>
    /// <exception cref="AccessDeniedException">The key is not the guardian the share was sealed to (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="IntegrityException">The sealed share was altered or truncated.</exception>
    /// <exception cref="InvalidFormatException">The envelope does not hold a key share.</exception>
    public static KeyShare Open(ReadOnlySpan<byte> sealedShare, Secp256k1PrivateKey guardianKey)
    {
        ArgumentNullException.ThrowIfNull(guardianKey);
        var opened = RecordEnvelope.Open(sealedShare, guardianKey);
        if (opened.ContentType != SealedShareContentType)
        {
            throw new InvalidFormatException($"The envelope holds {opened.ContentType}, not a key share.");
        }

        var bytes = opened.Plaintext.ToArray();
        try
        {
            return KeyShare.FromBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(opened.Plaintext, out var segment) && segment.Array is { } array)
            {
                CryptographicOperations.ZeroMemory(array);
            }
        }
    }

    private static byte Evaluate(byte[] coefficients, byte x)
    {
        byte result = 0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            result = (byte)(Gf256.Multiply(result, x) ^ coefficients[i]);
        }

        return result;
    }

    private static IntegrityException Mismatch(Exception? inner) =>
        new("The key shares do not recombine to the key that was split: a share was altered or belongs to another split.", IntegrityCheck.Commitment, inner);
}
