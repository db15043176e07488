using MediBloc.Sdk.Crypto;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediBloc.Sdk.Batches;

namespace MediBloc.Sdk.Records;

/// <summary>
/// The batch manifest: every record of a batch, in tree order, as its leaf is built (commitment, CID of the envelope,
/// content type). Stored in the content store in the clear — it holds what a single anchor's <c>RecordAnchored</c>
/// event already shows publicly, nothing more — and named by CID in the <c>BatchAnchored</c> event, so any reader
/// can rebuild the tree, check it against the anchored root and take a record's inclusion proof from it.
/// </summary>
internal sealed record BatchManifest(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("records")] IReadOnlyList<BatchManifest.Entry> Records)
{
    /// <summary>The media type of a batch manifest.</summary>
    public const string ContentType = "application/vnd.medibloc.batch+json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static BatchManifest From(RecordBatch batch) =>
        new(1, batch.Records.Select(r => new Entry(r.Commitment, r.Cid, r.ContentType)).ToList());

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The tree the manifest describes, or null when it is not a well-formed manifest.</summary>
    public static RecordBatch? TryBuild(ReadOnlySpan<byte> bytes) => TryBuild(bytes, out _);

    /// <summary>
    /// The tree the manifest describes, with every entry checked (commitment, CID, content type; no commitment twice),
    /// or null with the first problem found, in words that quote none of the content.
    /// </summary>
    public static RecordBatch? TryBuild(ReadOnlySpan<byte> bytes, out string problem)
    {
        BatchManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BatchManifest>(bytes, Json);
        }
        catch (JsonException ex)
        {
            problem = ex.Path is { Length: > 0 } path ? $"it is not JSON of a batch manifest (at {path})." : "it is not JSON of a batch manifest.";
            return null;
        }
        if (manifest is not { Version: 1, Records.Count: > 0 })
        {
            problem = "it is not a version 1 batch manifest with at least one record.";
            return null;
        }
        for (var i = 0; i < manifest.Records.Count; i++)
        {
            var e = manifest.Records[i];
            if (ManifestFields.CheckRecord(e?.Commitment, e?.Cid, e?.ContentType) is { } bad)
            {
                problem = $"record {i}: {bad}";
                return null;
            }
        }
        try
        {
            problem = string.Empty;
            return RecordBatch.Create(manifest.Records.Select(e => new BatchRecord(e.Commitment, e.Cid, e.ContentType)));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            problem = "its records do not form a batch (a commitment listed twice).";
            return null;
        }
    }

    /// <summary>One record of the batch.</summary>
    internal sealed record Entry(
        [property: JsonPropertyName("commitment")] Commitment Commitment,
        [property: JsonPropertyName("cid")] string Cid,
        [property: JsonPropertyName("contentType")] string ContentType);
}
