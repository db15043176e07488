using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>The manifest, or null when the bytes are not one.</summary>
    public static ShareManifest? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<ShareManifest>(bytes, Json);
            return manifest is { Version: 1, Records: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
