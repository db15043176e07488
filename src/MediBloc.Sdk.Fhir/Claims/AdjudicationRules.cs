using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>
/// A policy's declared adjudication rules, as data. For one claim, in this order: a service date outside
/// [<see cref="CoverageStart"/>, <see cref="CoverageEnd"/>) denies it; a diagnosis or a billed item in
/// <see cref="Exclusions"/> denies it; each item is allowed <c>min(net, AllowedAmount × quantity)</c> when a
/// <see cref="Covered"/> entry matches it, else nothing; <see cref="Deductible"/> (per claim) comes off the allowed total, then
/// <see cref="CoPayPercent"/> of the rest; the benefit is capped at <see cref="PerClaimCap"/> and paid in MED at
/// <see cref="MedPerUnit"/>. Nothing allowed denies the claim as not covered; nothing left after the
/// deductible and co-pay denies it as nothing payable.
/// </summary>
/// <remarks>
/// Serialize with <see cref="ToJson"/>; <see cref="ComputeHash"/> is what an insurer publishes on chain with the
/// policy, so a member can check the rules a decision was made under.
/// </remarks>
public sealed record AdjudicationRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The ISO 4217 currency of the amounts in claims and rules; <c>USD</c> by default.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>The first day of coverage (inclusive).</summary>
    public required DateTimeOffset CoverageStart { get; init; }

    /// <summary>The end of coverage (exclusive).</summary>
    public required DateTimeOffset CoverageEnd { get; init; }

    /// <summary>What the member pays first on each claim, in <see cref="Currency"/>.</summary>
    public decimal Deductible { get; init; }

    /// <summary>The member's share of what is left after the deductible, in percent (0 to 100).</summary>
    public decimal CoPayPercent { get; init; }

    /// <summary>The most the policy pays for one claim, in <see cref="Currency"/>.</summary>
    public required decimal PerClaimCap { get; init; }

    /// <summary>MED paid per unit of <see cref="Currency"/> (for example 1 for one MED per dollar).</summary>
    public required decimal MedPerUnit { get; init; }

    /// <summary>The covered services and categories.</summary>
    public required IReadOnlyList<CoveredService> Covered { get; init; }

    /// <summary>The excluded codes (items or diagnoses).</summary>
    public IReadOnlyList<ExcludedCode> Exclusions { get; init; } = [];

    /// <summary>Checks the rules for values no policy can mean.</summary>
    /// <exception cref="ArgumentException">The coverage period is empty, an amount or the rate is negative, the co-pay is outside 0..100, or the currency is not three letters.</exception>
    public void Validate()
    {
        if (CoverageEnd <= CoverageStart)
        {
            throw new ArgumentException("The coverage period is empty: CoverageEnd must come after CoverageStart.");
        }
        if (Deductible < 0 || PerClaimCap < 0 || MedPerUnit < 0 || Covered.Any(c => c.AllowedAmount < 0))
        {
            throw new ArgumentException("Deductible, PerClaimCap, MedPerUnit and every AllowedAmount must be non-negative.");
        }
        if (CoPayPercent is < 0 or > 100)
        {
            throw new ArgumentException("CoPayPercent must lie between 0 and 100.");
        }
        if (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("Currency must be an ISO 4217 code (three capital letters).");
        }
    }

    /// <summary>The rules as JSON (camelCase), the form <see cref="ComputeHash"/> hashes.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads rules from JSON written by <see cref="ToJson"/> (or by hand, in the same shape).</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <returns>The rules, validated.</returns>
    /// <exception cref="FhirFormatException">The JSON is not a rules document.</exception>
    /// <exception cref="ArgumentException">The rules fail <see cref="Validate"/>.</exception>
    public static AdjudicationRules FromJson(ReadOnlySpan<byte> json)
    {
        AdjudicationRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<AdjudicationRules>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException("$: not an adjudication rules document.", "$", ex);
        }
        if (rules is null)
        {
            throw new FhirFormatException("$: not an adjudication rules document.", "$");
        }
        rules.Validate();
        return rules;
    }

    /// <summary>An amount in <see cref="Currency"/> as MED in the smallest unit (10^-18 MED) at <see cref="MedPerUnit"/>, rounded down to a millionth of a MED.</summary>
    /// <param name="amount">The amount (non-negative).</param>
    /// <returns>The MED.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative.</exception>
    public System.Numerics.BigInteger ToMed(decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        return new System.Numerics.BigInteger(Math.Round(amount * MedPerUnit * 1_000_000m, 0, MidpointRounding.ToZero)) * System.Numerics.BigInteger.Pow(10, 12);
    }

    /// <summary>SHA-256 of <see cref="ToJson"/>: the rules hash a policy is opened with.</summary>
    /// <returns>32 bytes.</returns>
    public byte[] ComputeHash() => SHA256.HashData(ToJson());
}
