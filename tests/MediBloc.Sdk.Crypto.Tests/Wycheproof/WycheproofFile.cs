using System.Text.Json;

namespace MediBloc.Sdk.Crypto.Tests.Wycheproof;

/// <summary>Loads a Wycheproof vector file copied into TestVectors/wycheproof.</summary>
internal static class WycheproofFile
{
    public static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestVectors", "wycheproof", name)));

    public static IEnumerable<(JsonElement Group, JsonElement Test)> Tests(JsonDocument document)
    {
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                yield return (group, test);
            }
        }
    }

    public static int NumberOfTests(JsonDocument document) => document.RootElement.GetProperty("numberOfTests").GetInt32();

    public static byte[] Hex(this JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);

    public static string Result(this JsonElement test) => test.GetProperty("result").GetString()!;

    public static int Id(this JsonElement test) => test.GetProperty("tcId").GetInt32();
}
