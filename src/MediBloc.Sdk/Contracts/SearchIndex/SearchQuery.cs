namespace MediBloc.Sdk.Contracts.SearchIndex;

/// <summary>
/// What a researcher looks for in the search index. Every part that is set must match: the content type exactly;
/// at least one of <see cref="Codes"/>; one of <see cref="AgeBrackets"/>; one of <see cref="Regions"/>. An empty part
/// matches everything.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>The content type, or <see langword="null"/> for any (filtered by the node, so the cheapest part).</summary>
    public string? ContentType { get; init; }

    /// <summary>Codes as <c>system|code</c>; an entry matches when it lists any of them.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>Age brackets (see <see cref="SearchMetadata.AgeBrackets"/>).</summary>
    public IReadOnlyList<string> AgeBrackets { get; init; } = [];

    /// <summary>Regions.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Whether <paramref name="metadata"/> satisfies the query.</summary>
    /// <param name="metadata">An entry's metadata.</param>
    /// <returns><see langword="true"/> when every part that is set matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metadata"/> is null.</exception>
    public bool Matches(SearchMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return (ContentType is null || string.Equals(ContentType, metadata.ContentType, StringComparison.Ordinal))
            && (Codes.Count == 0 || Codes.Any(c => metadata.Codes.Contains(c, StringComparer.Ordinal)))
            && (AgeBrackets.Count == 0 || (metadata.AgeBracket is { } age && AgeBrackets.Contains(age, StringComparer.Ordinal)))
            && (Regions.Count == 0 || (metadata.Region is { } region && Regions.Contains(region, StringComparer.OrdinalIgnoreCase)));
    }
}
