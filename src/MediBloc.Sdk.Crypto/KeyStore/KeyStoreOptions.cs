namespace MediBloc.Sdk.Crypto;

/// <summary>Parameters for writing a keystore file. The defaults are geth's "standard" scrypt parameters.</summary>
public sealed class KeyStoreOptions
{
    private int _scryptN = 262_144;
    private int _scryptR = 8;
    private int _scryptP = 1;
    private int _pbkdf2Iterations = 262_144;

    /// <summary>The KDF; <see cref="KeyStoreKdf.Scrypt"/> by default.</summary>
    public KeyStoreKdf Kdf { get; set; } = KeyStoreKdf.Scrypt;

    /// <summary>scrypt's cost N: a power of two from 2 to 2^20; 262 144 by default (about 256 MiB with r = 8).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a power of two in range.</exception>
    public int ScryptN
    {
        get => _scryptN;
        set => _scryptN = value >= 2 && value <= Web3KeyStore.MaxScryptN && (value & (value - 1)) == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), $"scrypt N must be a power of two from 2 to {Web3KeyStore.MaxScryptN}.");
    }

    /// <summary>scrypt's block size r (1 to 32); 8 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..32.</exception>
    public int ScryptR
    {
        get => _scryptR;
        set => _scryptR = value is >= 1 and <= 32 ? value : throw new ArgumentOutOfRangeException(nameof(value), "scrypt r must be 1 to 32.");
    }

    /// <summary>scrypt's parallelism p (1 to 16); 1 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..16.</exception>
    public int ScryptP
    {
        get => _scryptP;
        set => _scryptP = value is >= 1 and <= Web3KeyStore.MaxScryptP ? value : throw new ArgumentOutOfRangeException(nameof(value), $"scrypt p must be 1 to {Web3KeyStore.MaxScryptP}.");
    }

    /// <summary>PBKDF2's iteration count (1 000 to 10 000 000); 262 144 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 000..10 000 000.</exception>
    public int Pbkdf2Iterations
    {
        get => _pbkdf2Iterations;
        set => _pbkdf2Iterations = value is >= 1_000 and <= Web3KeyStore.MaxPbkdf2Iterations
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), $"PBKDF2 iterations must be 1000 to {Web3KeyStore.MaxPbkdf2Iterations}.");
    }
}
