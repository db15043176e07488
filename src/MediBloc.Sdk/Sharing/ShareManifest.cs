using System.Text.Json;
using System.Text.Json.Serialization;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Sharing;

/// <summary>
/// The record a share leaves for the grantee: which re-wrapped envelopes the grant covers. Sealed to the patient and
/// the grantee and anchored by the patient under <see cref="ContentType"/>, so the grantee finds it from the chain
/// (the owner's <c>RecordAnchored</c> events) and the store alone; nobody else can open it.
/// </summary>
internal sealed record ShareManifest(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("grantId")] string GrantId,
    [property: JsonPropertyName("grantee")] string Grantee,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("expiresAt")] long ExpiresAt,
    [property: JsonPropertyName("records")] IReadOnlyList<SharedRecord> Records)
{
    /// <summary>The content type share manifests are anchored with.</summary>
    public const string ContentType = "application/vnd.medibloc.share+json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The most records one share manifest may list.</summary>
    public const int MaxRecords = 100_000;

    /// <summary>The longest purpose-of-use code accepted, in characters.</summary>
    public const int MaxPurposeLength = 64;

    /// <summary>The manifest, or null when the bytes are not one.</summary>
    public static ShareManifest? TryParse(ReadOnlySpan<byte> bytes) => TryParse(bytes, out _);

    /// <summary>
    /// The manifest with every field checked (version, grant id, grantee, purpose, expiry, and each record's commitment,
    /// CID and content type), or null with the first problem found, in words that quote none of the content.
    /// </summary>
    public static ShareManifest? TryParse(ReadOnlySpan<byte> bytes, out string problem)
    {
        ShareManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ShareManifest>(bytes, Json);
        }
        catch (JsonException ex)
        {
            problem = ex.Path is { Length: > 0 } path ? $"it is not JSON of a share manifest (at {path})." : "it is not JSON of a share manifest.";
            return null;
        }
        problem = manifest is null ? "it is JSON null." : Check(manifest) ?? string.Empty;
        return problem.Length == 0 ? manifest : null;
    }

    private static string? Check(ShareManifest m)
    {
        if (m.Version != 1)
        {
            return "its version is not 1.";
        }
        if (!ManifestFields.IsHex(m.GrantId, 32))
        {
            return "its grant id is missing or not 32 bytes of hex.";
        }
        if (!ManifestFields.IsHex(m.Grantee, 20))
        {
            return "its grantee is missing or not an address.";
        }
        if (!ManifestFields.IsPrintable(m.Purpose, MaxPurposeLength))
        {
            return $"its purpose is missing, longer than {MaxPurposeLength} characters or not printable ASCII.";
        }
        if (m.ExpiresAt <= 0)
        {
            return "its expiry is not a positive time.";
        }
        if (m.Records is null || m.Records.Count > MaxRecords)
        {
            return $"its record list is missing or longer than {MaxRecords}.";
        }
        for (var i = 0; i < m.Records.Count; i++)
        {
            if (ManifestFields.CheckRecord(m.Records[i]?.Commitment, m.Records[i]?.Cid.ToString(), m.Records[i]?.ContentType) is { } bad)
            {
                return $"record {i}: {bad}";
            }
        }
        return null;
    }
}
