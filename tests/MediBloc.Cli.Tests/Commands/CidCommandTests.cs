using MediBloc.Sdk.Storage;

namespace MediBloc.Cli.Tests.Commands;

/// <summary>The <c>medibloc cid</c> command, run in-process on real files.</summary>
public sealed class CidCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-cid-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // CIDs printed by ipfs add (js-ipfs 0.66) for "hello\n"; Debian's ipfs_cid prints the same CIDv0 and dag-pb CIDv1.
    [Theory]
    [InlineData("", "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN")]
    [InlineData("--cid-version 0", "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN")]
    [InlineData("--cid-version 1", "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am")]
    [InlineData("--cid-version 1 --raw-leaves false", "bafybeiffndsajwhk3lwjewwdxqntmjm4b5wxaaanokonsggenkbw6slwk4")]
    public async Task Prints_the_CID_ipfs_add_prints_as_the_last_line(string options, string expected)
    {
        var file = Path.Combine(_folder, "hello.txt");
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
        var data = RandomBytes(262_144 * 3 + 17, seed: 5);
        var file = Path.Combine(_folder, "data.bin");
        await File.WriteAllBytesAsync(file, data);
        var args = $"cid {file} --cid-version {version}" + (rawLeaves is { } raw ? $" --raw-leaves {raw.ToString().ToLowerInvariant()}" : string.Empty);

        var (exit, output, _) = await InvokeAsync(args);

        Assert.Equal(0, exit);
        Assert.Equal(UnixFsBuilder.Compute(data, new UnixFsOptions { CidVersion = version, RawLeaves = rawLeaves }).ToString(), output.Trim());
    }

    [Fact]
    public async Task A_missing_file_exits_with_1_and_names_it()
    {
        var missing = Path.Combine(_folder, "nope.bin");

        var (exit, output, error) = await InvokeAsync($"cid {missing}");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CID_version_other_than_0_or_1_is_refused()
    {
        var file = Path.Combine(_folder, "x");
        await File.WriteAllBytesAsync(file, [1]);

        var (exit, output, error) = await InvokeAsync($"cid {file} --cid-version 2");

        Assert.NotEqual(0, exit);
        Assert.Contains("'2'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(UnixFsBuilder.Compute([1]).ToString(), output, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Output, string Error)> InvokeAsync(string commandLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Program.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, error);
        return Task.FromResult((exit, output.ToString(), error.ToString()));
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
