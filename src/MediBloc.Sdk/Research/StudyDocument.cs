using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediBloc.Sdk.Research;

/// <summary>
/// The public document a study is posted with: the study itself (a FHIR R4 <c>ResearchStudy</c> as JSON, with its
/// eligibility criteria; MediBloc.Sdk.Fhir builds and reads it) and the researcher's public key, to which enrolled
/// patients share their records. It holds no PHI. It is stored content-addressed (CIDv1 raw) and its SHA-256 is on chain.
/// </summary>
public sealed record StudyDocument
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The document format's version (1).</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = 1;

    /// <summary>The study as FHIR R4 JSON (<c>ResearchStudy</c>).</summary>
    [JsonPropertyName("researchStudy")]
    public string ResearchStudyJson { get; init; } = string.Empty;

    /// <summary>The researcher's compressed public key (0x-hex), set by the SDK when the study is posted.</summary>
    [JsonPropertyName("researcherKey")]
    public string? ResearcherPublicKey { get; init; }

    internal byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    internal static StudyDocument? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var document = JsonSerializer.Deserialize<StudyDocument>(bytes, Json);
            return document is { Version: 1 } && document.ResearchStudyJson.Length > 0 ? document : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
