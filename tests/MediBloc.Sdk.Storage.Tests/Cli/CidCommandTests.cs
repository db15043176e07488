using System.CommandLine;
using MediBloc.Cli.Commands;
using MediBloc.Sdk.Storage.Tests.ContentAddressing;
using MediBloc.Sdk.Storage.Tests.Local;

namespace MediBloc.Sdk.Storage.Tests.Cli;

/// <summary>The <c>medibloc cid</c> command (its source lives in samples/MediBloc.Cli and is compiled in here too).</summary>
public sealed class CidCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // CIDs printed by ipfs add (js-ipfs 0.66) for "hello\n"; Debian's ipfs_cid prints the same CIDv0 and dag-pb CIDv1.
    [Theory]
    [InlineData("", "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN")]
    [InlineData("--cid-version 0", "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN")]
    [InlineData("--cid-version 1", "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am")]
    [InlineData("--cid-version 1 --raw-leaves false", "bafybeiffndsajwhk3lwjewwdxqntmjm4b5wxaaanokonsggenkbw6slwk4")]
    public async Task Prints_the_CID_ipfs_add_prints_as_the_last_line(string options, string expected)
    {
        var file = Path.Combine(_folder.Path, "hello.txt");
        await File.WriteAllTextAsync(file, "hello\n");

        var (exit, output, _) = await InvokeAsync($"cid {file} {options}");

        Assert.Equal(0, exit);
        Assert.Equal(expected, output.TrimEnd().Split('\n')[^1]);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(1, false)]
    public async Task A_multi_level_file_gets_the_builders_CID(int version, bool? rawLeaves)
    {
        var data = UnixFsBuilderTests.RandomBytes(262_144 * 3 + 17, seed: 5);
        var file = Path.Combine(_folder.Path, "data.bin");
        await File.WriteAllBytesAsync(file, data);
        var args = $"cid {file} --cid-version {version}" + (rawLeaves is { } raw ? $" --raw-leaves {raw.ToString().ToLowerInvariant()}" : string.Empty);

        var (exit, output, _) = await InvokeAsync(args);

        Assert.Equal(0, exit);
        Assert.Equal(UnixFsBuilder.Compute(data, new UnixFsOptions { CidVersion = version, RawLeaves = rawLeaves }).ToString(), output.Trim());
    }

    [Fact]
    public async Task A_missing_file_exits_with_1_and_names_it()
    {
        var missing = Path.Combine(_folder.Path, "nope.bin");

        var (exit, output, error) = await InvokeAsync($"cid {missing}");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CID_version_other_than_0_or_1_is_refused()
    {
        var file = Path.Combine(_folder.Path, "x");
        await File.WriteAllBytesAsync(file, [1]);

        var (exit, output, error) = await InvokeAsync($"cid {file} --cid-version 2");

        Assert.NotEqual(0, exit);
        Assert.Contains("'2'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(UnixFsBuilder.Compute([1]).ToString(), output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> InvokeAsync(string commandLine)
    {
        var root = new RootCommand("medibloc") { CidCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(commandLine).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
