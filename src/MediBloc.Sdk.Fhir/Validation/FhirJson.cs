using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace MediBloc.Sdk.Fhir;

/// <summary>Firely parsing and serialization in one place (for what this package produces or validates).</summary>
internal static class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    public static Resource Parse(ReadOnlyMemory<byte> json, out List<FhirValidationIssue> issues)
    {
        issues = [];
        var reader = new Utf8JsonReader(json.Span);
        try
        {
            if (Deserializer.TryDeserializeResource(ref reader, out var resource, out var errors))
            {
                return resource!;
            }
            issues.AddRange(errors.Select(e => new FhirValidationIssue("error", null, e.Message)));
            return resource ?? throw new FhirFormatException("$: the JSON is not a FHIR R4 resource.", "$");
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException($"$: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", "$", ex);
        }
    }

    public static T Parse<T>(ReadOnlyMemory<byte> json) where T : Resource =>
        Parse(json, out _) as T ?? throw new FhirFormatException($"$: expected a {typeof(T).Name}.", "$.resourceType");

    public static byte[] Serialize(Resource resource) => Encoding.UTF8.GetBytes(Serializer.SerializeToString(resource));
}
