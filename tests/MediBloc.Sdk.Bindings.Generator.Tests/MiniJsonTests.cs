namespace MediBloc.Sdk.Bindings.Generator.Tests;

public sealed class MiniJsonTests
{
    [Fact]
    public void Reads_objects_arrays_strings_numbers_and_literals()
    {
        var value = (Dictionary<string, object?>)MiniJson.Parse("""{ "a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\b\f\n\r\t\u00e9", "c": {} }""")!;

        Assert.Equal(new object?[] { 1d, -2500d, true, false, null }, (List<object?>)value["a"]!);
        Assert.Equal("x\"\\/\b\f\n\r\té", value["b"]);
        Assert.Empty((Dictionary<string, object?>)value["c"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("\"unterminated")]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData("tru")]
    [InlineData("{} {}")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("{a:1}")]
    public void Rejects_malformed_json(string json)
    {
        Assert.Throws<JsonSyntaxException>(() => MiniJson.Parse(json));
    }

    [Fact]
    public void Rejects_nesting_deeper_than_the_limit()
    {
        Assert.Throws<JsonSyntaxException>(() => MiniJson.Parse(new string('[', 100) + new string(']', 100)));
    }

    [Fact]
    public void Reads_every_committed_artifact()
    {
        var dir = Path.Combine(FindRepoRoot(), "contracts", "artifacts");
        var files = Directory.GetFiles(dir, "*.json");

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.IsType<Dictionary<string, object?>>(MiniJson.Parse(File.ReadAllText(f))));
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediBloc.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
