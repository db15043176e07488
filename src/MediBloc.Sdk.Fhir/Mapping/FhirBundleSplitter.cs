using System.Security.Cryptography;
using System.Text.Json;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Splits a FHIR R4 Bundle (any bundle type, any resource type) into one record per resource, keeping each
/// resource's exact received bytes, and reads each resource's searchable metadata.
/// </summary>
/// <remarks>
/// The resource bytes are slices of the input: nothing is parsed into numbers or objects and written back, so
/// decimals such as <c>1.50</c> or <c>1.000000000000000000E-245</c>, primitive extensions (<c>_birthDate</c>),
/// contained resources and non-ASCII text are stored as received. References are left as written; within the
/// bundle, <c>urn:uuid:</c> and <c>urn:oid:</c> references must name an entry's <c>fullUrl</c> and <c>#id</c>
/// references a contained resource. Other references (relative <c>Patient/123</c>, absolute URLs) resolve to an
/// entry when one matches and are otherwise taken to point outside the bundle, as transactions and search results
/// legitimately do.
/// </remarks>
public static class FhirBundleSplitter
{
    /// <summary>Splits a bundle into per-resource records and its layout.</summary>
    /// <param name="bundleJson">The Bundle's JSON, UTF-8 (a leading byte order mark is kept in the layout).</param>
    /// <returns>The layout and one record per resource, in entry order.</returns>
    /// <exception cref="FhirFormatException">
    /// The input is not valid JSON, not a Bundle, holds an unknown <c>resourceType</c>, an entry with neither resource
    /// nor request nor response, a resource without the patient its type requires, a property twice in one object, or
    /// a reference that points nowhere. <see cref="FhirFormatException.JsonPath"/> names the element, for example
    /// <c>entry[3].resource.subject</c>.
    /// </exception>
    public static SplitBundle Split(ReadOnlyMemory<byte> bundleJson)
    {
        var bytes = bundleJson.Span;
        var offset = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (!System.Text.Unicode.Utf8.IsValid(bytes[offset..]))
        {
            // FHIR JSON is UTF-8 (RFC 8259); a stray byte would not survive the layout's round trip.
            throw new FhirFormatException("$: the bundle is not UTF-8 text.", "$");
        }
        var slices = new List<(int Entry, int Start, int End, string? FullUrl)>();
        string? bundleType = null;
        string? bundleId = null;
        var reader = new Utf8JsonReader(bytes[offset..], new JsonReaderOptions { MaxDepth = 256 });
        var path = "$";
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FhirFormatException("$: a FHIR Bundle must be a JSON object.", "$");
            }
            var sawResourceType = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                path = name;
                reader.Read();
                switch (name)
                {
                    case "resourceType":
                        if (reader.TokenType != JsonTokenType.String || reader.GetString() != "Bundle")
                        {
                            throw new FhirFormatException("resourceType: expected \"Bundle\"; split single resources with FhirResourceReader.", "resourceType");
                        }
                        sawResourceType = true;
                        break;
                    case "type" when reader.TokenType == JsonTokenType.String:
                        bundleType = reader.GetString();
                        break;
                    case "id" when reader.TokenType == JsonTokenType.String:
                        bundleId = reader.GetString();
                        break;
                    case "entry":
                        ReadEntries(ref reader, offset, slices, ref path);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            path = "$";
            if (reader.Read())
            {
                throw new FhirFormatException("$: unexpected content after the Bundle object.", "$");
            }
            if (!sawResourceType)
            {
                throw new FhirFormatException("resourceType: missing; a FHIR Bundle says \"resourceType\": \"Bundle\".", "resourceType");
            }
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException(
                $"{path}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", path, ex);
        }

        var records = new List<FhirResourceRecord>(slices.Count);
        var references = new List<(string Path, string Reference)>();
        var slots = new List<FhirBundleSlot>(slices.Count);
        var pieces = new byte[slices.Count + 1][];
        var previousEnd = 0;
        for (var i = 0; i < slices.Count; i++)
        {
            var (entry, start, end, fullUrl) = slices[i];
            var resourcePath = $"entry[{entry}].resource";
            var json = bundleJson[start..end];
            var inspection = ResourceInspector.Inspect(json, resourcePath, fullUrl);
            references.AddRange(inspection.References);
            records.Add(new FhirResourceRecord(json, inspection.Metadata, entry));
            slots.Add(new FhirBundleSlot(entry, inspection.Metadata.ResourceType, inspection.Metadata.Id, fullUrl,
                Convert.ToHexString(SHA256.HashData(json.Span))));
            pieces[i] = bytes[previousEnd..start].ToArray();
            previousEnd = end;
        }
        pieces[slices.Count] = bytes[previousEnd..].ToArray();

        CheckReferences(records, references);
        return new SplitBundle(new FhirBundleLayout(bundleType, bundleId, pieces, slots), records);
    }

    private static void ReadEntries(ref Utf8JsonReader reader, int offset, List<(int, int, int, string?)> slices, ref string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FhirFormatException("entry: must be an array of entries.", "entry");
        }
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            path = $"entry[{index}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FhirFormatException($"{path}: a bundle entry must be a JSON object.", path);
            }
            string? fullUrl = null;
            (int Start, int End)? resource = null;
            var carriesRequestOrResponse = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                path = $"entry[{index}].{name}";
                reader.Read();
                switch (name)
                {
                    case "fullUrl" when reader.TokenType == JsonTokenType.String:
                        fullUrl = reader.GetString();
                        break;
                    case "resource":
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new FhirFormatException($"{path}: a resource must be a JSON object.", path);
                        }
                        var start = offset + (int)reader.TokenStartIndex;
                        reader.Skip();
                        resource = (start, offset + (int)reader.BytesConsumed);
                        break;
                    case "request" or "response":
                        carriesRequestOrResponse = true;
                        reader.Skip();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (resource is null && !carriesRequestOrResponse)
            {
                path = $"entry[{index}].resource";
                throw new FhirFormatException(
                    $"{path}: the entry holds no resource; an entry without a request or response must carry one (bdl-5).", path);
            }
            if (resource is { } r)
            {
                slices.Add((index, r.Start, r.End, fullUrl));
            }
            index++;
        }
    }

    private static void CheckReferences(List<FhirResourceRecord> records, List<(string Path, string Reference)> references)
    {
        var fullUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.Metadata.FullUrl is { } url)
            {
                fullUrls.Add(url);
            }
        }
        foreach (var (refPath, reference) in references)
        {
            if ((reference.StartsWith("urn:uuid:", StringComparison.Ordinal) || reference.StartsWith("urn:oid:", StringComparison.Ordinal)) &&
                !fullUrls.Contains(reference))
            {
                throw new FhirFormatException(
                    $"{refPath}: the reference names no entry of this bundle (no entry has that fullUrl); include the resource or fix the reference.",
                    refPath);
            }
        }
    }
}
