using System.Text.Json;
using System.Text.Json.Serialization;
using MediBloc.Sdk.Contracts.SearchIndex;

namespace MediBloc.Sdk.Research;

/// <summary>
/// What a data request asks for, published in the clear beside the request: patients match it on their own device
/// against their search-index entries, so the researcher reaches owners without learning who they are. The request
/// on chain carries the SHA-256 of this document, which is also the digest of its CID (CIDv1, raw).
/// </summary>
public sealed record DataRequestCriteria
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>What the data is for, in words patients read before consenting.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = string.Empty;

    /// <summary>The records wanted, matched against each entry's metadata (ignored when <see cref="Handles"/> is set).</summary>
    [JsonPropertyName("query")]
    public SearchQuery Query { get; init; } = new();

    /// <summary>Search-index handles of chosen candidates (from <see cref="MediBloc.Sdk.Roles.Researcher.ResearcherClient.SearchAsync"/>); when set, only those entries match.</summary>
    [JsonPropertyName("handles")]
    public IReadOnlyList<string> Handles { get; init; } = [];

    /// <summary>The researcher's public key (compressed, hex) the data keys are wrapped to; set by <see cref="MediBloc.Sdk.Roles.Researcher.ResearcherClient.PostRequestAsync(DataRequestCriteria, System.Numerics.BigInteger, int, DateTimeOffset, CancellationToken)"/>.</summary>
    [JsonPropertyName("researcherKey")]
    public string? ResearcherPublicKey { get; init; }

    /// <summary>Whether one search-index entry matches.</summary>
    /// <param name="handle">The entry's handle.</param>
    /// <param name="metadata">The entry's metadata.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public bool Matches(string handle, SearchMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(metadata);
        return Handles.Count > 0
            ? Handles.Contains(handle, StringComparer.OrdinalIgnoreCase)
            : Query.Matches(metadata);
    }

    internal byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    internal static DataRequestCriteria? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<DataRequestCriteria>(bytes, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
