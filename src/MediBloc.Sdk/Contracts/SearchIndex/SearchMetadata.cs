using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediBloc.Sdk.Contracts.SearchIndex;

/// <summary>
/// The de-identified metadata an owner lists for one record in the search index: its content type, clinical codes
/// the owner chooses to reveal (for example <c>http://snomed.info/sct|44054006</c> or <c>http://loinc.org|4548-4</c>),
/// an age bracket and a coarse region. Never an identity, a CID, a commitment or a date: nothing that names the
/// owner or points at the record.
/// </summary>
/// <remarks>
/// Keep it coarse: a rare code in a small region is a quasi-identifier. Codes are sorted and de-duplicated before
/// publishing, so their order reveals nothing.
/// </remarks>
public sealed record SearchMetadata
{
    /// <summary>The largest metadata document the index contract accepts, in UTF-8 bytes.</summary>
    public const int MaxBytes = 2048;

    // The relaxed encoder keeps '+' (as in application/fhir+json) and non-ASCII letters as they are: the text is
    // event data read by programs, not markup embedded in HTML, and every escape costs gas.
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates metadata.</summary>
    /// <param name="contentType">The record's content type, e.g. <c>application/fhir+json</c>.</param>
    /// <param name="codes">Codes as <c>system|code</c>; may be empty.</param>
    /// <param name="ageBracket">An age bracket from <see cref="AgeBracketOf"/> (for example <c>40-49</c>), or <see langword="null"/> to leave it out.</param>
    /// <param name="region">A coarse region, e.g. an ISO 3166-1 country code (<c>KR</c>), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The content type or a code is empty, or the age bracket is not one of <see cref="AgeBrackets"/>.</exception>
    public SearchMetadata(string contentType, IEnumerable<string>? codes = null, string? ageBracket = null, string? region = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var sorted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var code in codes ?? [])
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(code, nameof(codes));
            sorted.Add(code.Trim());
        }
        if (ageBracket is not null && !AgeBrackets.Contains(ageBracket))
        {
            throw new ArgumentException($"'{ageBracket}' is not an age bracket; use SearchMetadata.AgeBracketOf(age) ({string.Join(", ", AgeBrackets)}).", nameof(ageBracket));
        }
        if (region is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(region);
        }
        ContentType = contentType;
        Codes = [.. sorted];
        AgeBracket = ageBracket;
        Region = region?.Trim();
    }

    /// <summary>The record's content type.</summary>
    public string ContentType { get; }

    /// <summary>The codes, sorted and distinct.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>The age bracket, or <see langword="null"/>.</summary>
    public string? AgeBracket { get; }

    /// <summary>The region, or <see langword="null"/>.</summary>
    public string? Region { get; }

    /// <summary>The age brackets: ten-year bands, 90 and over in one.</summary>
    public static IReadOnlyList<string> AgeBrackets { get; } =
        ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"];

    /// <summary>The bracket an age falls in.</summary>
    /// <param name="age">The age in whole years.</param>
    /// <returns>One of <see cref="AgeBrackets"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="age"/> is negative.</exception>
    public static string AgeBracketOf(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        return AgeBrackets[Math.Min(age / 10, AgeBrackets.Count - 1)];
    }

    /// <summary>The metadata as the index stores it: compact UTF-8 JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(new Wire(1, ContentType, Codes.Count == 0 ? null : Codes, AgeBracket, Region), Json);

    /// <summary>Reads metadata from the index's JSON, or <see langword="null"/> when the text is not valid metadata.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The metadata, or <see langword="null"/>.</returns>
    public static SearchMetadata? TryParse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(json, Json);
            return wire is { Version: 1, ContentType: { Length: > 0 } type } ? new SearchMetadata(type, wire.Codes, wire.AgeBracket, wire.Region) : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null;
        }
    }

    internal int ByteCount => Encoding.UTF8.GetByteCount(ToJson());

    private sealed record Wire(
        [property: JsonPropertyName("v")] int Version,
        [property: JsonPropertyName("type")] string ContentType,
        [property: JsonPropertyName("codes")] IReadOnlyList<string>? Codes,
        [property: JsonPropertyName("age")] string? AgeBracket,
        [property: JsonPropertyName("region")] string? Region);
}
