using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediBloc.Sdk.Internal;

/// <summary>Writes an identity as its text form and reads it back with its strict parser.</summary>
/// <typeparam name="T">The identity type.</typeparam>
internal sealed class ParsableJsonConverter<T> : JsonConverter<T>
    where T : IParsable<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && T.TryParse(reader.GetString(), null, out var value)
            ? value
            : throw new JsonException($"Expected the text form of a {typeof(T).Name}.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
