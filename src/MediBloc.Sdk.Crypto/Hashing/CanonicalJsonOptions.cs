namespace MediBloc.Sdk.Crypto;

/// <summary>Options for <see cref="CanonicalJson"/>. The defaults are strict RFC 8785.</summary>
public sealed class CanonicalJsonOptions
{
    private int _maxDepth = CanonicalJson.MaxDepth;

    /// <summary>How numbers are written; <see cref="CanonicalJsonNumberFormat.Rfc8785"/> by default.</summary>
    public CanonicalJsonNumberFormat Numbers { get; set; } = CanonicalJsonNumberFormat.Rfc8785;

    /// <summary>The deepest nesting of arrays and objects accepted; <see cref="CanonicalJson.MaxDepth"/> (64) by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 1000.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1000);
            _maxDepth = value;
        }
    }

    internal static CanonicalJsonOptions Default { get; } = new();
}
