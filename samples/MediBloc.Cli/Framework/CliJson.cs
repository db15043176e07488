using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediBloc.Cli.Framework;

/// <summary>The JSON settings of the tool's output and files: camelCase, enums as strings, no nulls.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
