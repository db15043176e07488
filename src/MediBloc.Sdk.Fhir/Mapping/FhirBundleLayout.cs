using System.Text;
using System.Text.Json;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// A bundle without its resources: the exact bytes around every entry's resource (bundle id, type, meta, links,
/// each entry's <c>fullUrl</c>, <c>request</c>, <c>response</c>, <c>search</c>) and one slot per resource. With the
/// resources it gives back the received bundle byte for byte (<see cref="FhirBundleAssembler.Assemble"/>).
/// </summary>
/// <remarks>
/// The layout holds the bundle's own text and the SHA-256 of each resource; publish it sealed, like the resources
/// (content type <see cref="FhirContentTypes.BundleLayoutJson"/>).
/// </remarks>
public sealed class FhirBundleLayout
{
    private const string Format = "medibloc.fhir.bundle-layout";
    private readonly byte[][] _pieces;

    internal FhirBundleLayout(string? bundleType, string? bundleId, byte[][] pieces, IReadOnlyList<FhirBundleSlot> slots)
    {
        BundleType = bundleType;
        BundleId = bundleId;
        _pieces = pieces;
        Slots = slots;
    }

    /// <summary>The bundle's <c>type</c> (for example <c>transaction</c>, <c>collection</c>, <c>document</c>).</summary>
    public string? BundleType { get; }

    /// <summary>The bundle's logical id, when present.</summary>
    public string? BundleId { get; }

    /// <summary>One slot per resource, in entry order.</summary>
    public IReadOnlyList<FhirBundleSlot> Slots { get; }

    internal IReadOnlyList<byte[]> Pieces => _pieces;

    /// <summary>Serializes the layout to JSON (UTF-8), to publish it as a record.</summary>
    /// <returns>The layout's JSON.</returns>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", 1);
            if (BundleType is not null)
            {
                writer.WriteString("bundleType", BundleType);
            }
            if (BundleId is not null)
            {
                writer.WriteString("bundleId", BundleId);
            }
            writer.WriteStartArray("pieces");
            foreach (var piece in _pieces)
            {
                writer.WriteStringValue(Encoding.UTF8.GetString(piece));
            }
            writer.WriteEndArray();
            writer.WriteStartArray("slots");
            foreach (var slot in Slots)
            {
                writer.WriteStartObject();
                writer.WriteNumber("entry", slot.EntryIndex);
                writer.WriteString("resourceType", slot.ResourceType);
                if (slot.Id is not null)
                {
                    writer.WriteString("id", slot.Id);
                }
                if (slot.FullUrl is not null)
                {
                    writer.WriteString("fullUrl", slot.FullUrl);
                }
                writer.WriteString("sha256", slot.Sha256);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Reads a layout written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The layout's JSON.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="FhirFormatException">The JSON is not a bundle layout of a known version.</exception>
    public static FhirBundleLayout FromJson(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format ||
                !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
            {
                throw new FhirFormatException("format: not a version 1 FHIR bundle layout.", "format");
            }
            var pieces = root.GetProperty("pieces").EnumerateArray().Select(p => Encoding.UTF8.GetBytes(p.GetString()!)).ToArray();
            var slots = root.GetProperty("slots").EnumerateArray().Select(s => new FhirBundleSlot(
                s.GetProperty("entry").GetInt32(),
                s.GetProperty("resourceType").GetString()!,
                s.TryGetProperty("id", out var id) ? id.GetString() : null,
                s.TryGetProperty("fullUrl", out var fullUrl) ? fullUrl.GetString() : null,
                s.GetProperty("sha256").GetString()!)).ToArray();
            if (pieces.Length != slots.Length + 1)
            {
                throw new FhirFormatException("pieces: a layout needs exactly one more piece than it has slots.", "pieces");
            }
            return new FhirBundleLayout(
                root.TryGetProperty("bundleType", out var type) ? type.GetString() : null,
                root.TryGetProperty("bundleId", out var bundleId) ? bundleId.GetString() : null,
                pieces, slots);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FhirFormatException("$: not a valid FHIR bundle layout (damaged or from another program).", "$", ex);
        }
    }
}
