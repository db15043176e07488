using System.Security.Cryptography;
using System.Text.Json;

namespace MediBloc.Sdk.Fhir;

/// <summary>Puts records back into a FHIR Bundle.</summary>
public static class FhirBundleAssembler
{
    /// <summary>
    /// Rebuilds the bundle a layout came from: its exact bytes, so the result is byte-equal to the received bundle (and
    /// therefore canonically equal). Resources are matched to slots by the SHA-256 of their bytes, in any order.
    /// </summary>
    /// <param name="layout">The bundle's layout (<see cref="SplitBundle.Layout"/> or <see cref="FhirBundleLayout.FromJson"/>).</param>
    /// <param name="resources">The resources' exact bytes, as opened from their records; extra resources are ignored.</param>
    /// <returns>The bundle's JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layout"/> or <paramref name="resources"/> is null.</exception>
    /// <exception cref="FhirFormatException">A slot's resource is missing (its JSON path names the entry).</exception>
    public static byte[] Assemble(FhirBundleLayout layout, IEnumerable<ReadOnlyMemory<byte>> resources)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(resources);
        var byHash = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            byHash.TryAdd(Convert.ToHexString(SHA256.HashData(resource.Span)), resource);
        }
        var pieces = layout.Pieces;
        using var output = new MemoryStream();
        for (var i = 0; i < layout.Slots.Count; i++)
        {
            output.Write(pieces[i]);
            var slot = layout.Slots[i];
            if (!byHash.TryGetValue(slot.Sha256, out var bytes))
            {
                var path = $"entry[{slot.EntryIndex}].resource";
                throw new FhirFormatException(
                    $"{path}: no record holds this entry's {slot.ResourceType}; open every record of the bundle before assembling it.", path);
            }
            output.Write(bytes.Span);
        }
        output.Write(pieces[^1]);
        return output.ToArray();
    }

    /// <summary>
    /// Builds a new <c>collection</c> Bundle from records without a layout (for example the records a reader was
    /// granted): one entry per record with its <c>fullUrl</c> (when known) and its resource's exact bytes.
    /// </summary>
    /// <param name="records">The records, in the order the entries should have.</param>
    /// <returns>The bundle's JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null or holds null.</exception>
    public static byte[] AssembleCollection(IEnumerable<FhirResourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Bundle");
            writer.WriteString("type", "collection");
            writer.WriteStartArray("entry");
            foreach (var record in records)
            {
                ArgumentNullException.ThrowIfNull(record, nameof(records));
                writer.WriteStartObject();
                if (record.Metadata.FullUrl is { } fullUrl)
                {
                    writer.WriteString("fullUrl", fullUrl);
                }
                writer.WritePropertyName("resource");
                writer.WriteRawValue(record.Json.Span, skipInputValidation: true);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
