namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>What a claim needs besides the encounter's records: who is billed, under which coverage, and the charges.</summary>
public sealed class ClaimBuildOptions
{
    /// <summary>The reference to the insurer (for example <c>Organization/acme-health</c>). Required.</summary>
    public string InsurerReference { get; set; } = string.Empty;

    /// <summary>The reference to the member's coverage (for example <c>Coverage/member-1</c>). Required.</summary>
    public string CoverageReference { get; set; } = string.Empty;

    /// <summary>The billing provider; <see langword="null"/> for the encounter's service provider.</summary>
    public string? ProviderReference { get; set; }

    /// <summary>The ISO 4217 currency of the charges; <c>USD</c> by default.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>The charge per code (<c>system|code</c>, or just <c>code</c>) of each billed service, medication and the encounter type.</summary>
    public IDictionary<string, decimal> Charges { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>The charge of a billed code <see cref="Charges"/> does not name; <see langword="null"/> to refuse such a claim.</summary>
    public decimal? DefaultCharge { get; set; }

    /// <summary>When the claim is created; <see langword="null"/> for now.</summary>
    public DateTimeOffset? Created { get; set; }
}
