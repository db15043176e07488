using MediBloc.Cli;
using MediBloc.Sdk.Tests.Files;

namespace MediBloc.Cli.Tests.Commands;

/// <summary>Every command that writes a file: owner-only output, no overwrite without --force, never over an input.</summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-cli-out-").FullName;
    private readonly string _passwordVariable = "MEDIBLOC_TEST_PW_" + Guid.NewGuid().ToString("N");

    public OutputFileTests()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, "correct horse battery staple");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Key_new_seal_and_open_write_owner_only_files_and_leave_no_temporary_file()
    {
        var keystore = NewKeystore("k.json");
        File.WriteAllText(Path("note.txt"), "Allergy: penicillin");
        Assert.Equal(ExitCodes.Success, Seal(keystore, "note.txt", "note.mbre").Code);
        Assert.Equal(ExitCodes.Success, Open(keystore, "note.mbre", "note.out").Code);

        OwnerOnly.AssertFile(keystore);
        OwnerOnly.AssertFile(Path("note.mbre"));
        OwnerOnly.AssertFile(Path("note.out"));
        Assert.Equal("Allergy: penicillin", File.ReadAllText(Path("note.out")));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Seal_and_open_refuse_an_existing_out_without_force_and_replace_it_owner_only_with_force()
    {
        var keystore = NewKeystore("k.json");
        File.WriteAllText(Path("note.txt"), "x");
        File.WriteAllText(Path("note.mbre"), "keep");
        File.WriteAllText(Path("note.out"), "keep");

        var seal = Seal(keystore, "note.txt", "note.mbre");
        AssertUsageError(seal, "--force");
        Assert.Equal("keep", File.ReadAllText(Path("note.mbre")));
        Assert.Equal(ExitCodes.Success, Seal(keystore, "note.txt", "note.mbre", "--force").Code);

        var open = Open(keystore, "note.mbre", "note.out");
        AssertUsageError(open, "--force");
        Assert.Equal("keep", File.ReadAllText(Path("note.out")));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path("note.out"), (UnixFileMode)0x1B6); // 0666
        }

        Assert.Equal(ExitCodes.Success, Open(keystore, "note.mbre", "note.out", "--force").Code);
        Assert.Equal("x", File.ReadAllText(Path("note.out")));
        OwnerOnly.AssertFile(Path("note.out"));
    }

    [Fact]
    public void Key_new_replaces_an_existing_keystore_only_with_force()
    {
        File.WriteAllText(Path("k.json"), "keep");
        AssertUsageError(Run("key", "new", "--out", Path("k.json"), "--password-env", _passwordVariable, "--scrypt-n", "1024"), "--force");
        Assert.Equal("keep", File.ReadAllText(Path("k.json")));

        Assert.Equal(ExitCodes.Success, Run("key", "new", "--out", Path("k.json"), "--password-env", _passwordVariable, "--scrypt-n", "1024", "--force").Code);
        Assert.Contains("\"version\":3", File.ReadAllText(Path("k.json")), StringComparison.Ordinal);
        OwnerOnly.AssertFile(Path("k.json"));
    }

    [Fact]
    public void Seal_refuses_an_out_that_is_the_input_under_another_spelling_even_with_force()
    {
        var keystore = NewKeystore("k.json");
        Directory.CreateDirectory(Path("sub"));
        File.WriteAllText(Path("scan.dcm"), "scan");
        var sameFile = System.IO.Path.Combine(_folder, "sub", "..", "scan.dcm");

        var result = Run("seal", "--to", PublicKey(keystore), "--in", Path("scan.dcm"), "--out", sameFile, "--force");

        AssertUsageError(result, "same file");
        Assert.Equal("scan", File.ReadAllText(Path("scan.dcm")));
    }

    [Fact]
    public void Seal_refuses_an_out_that_is_a_symbolic_link_to_the_input_or_reaches_it_through_a_linked_folder()
    {
        var keystore = NewKeystore("k.json");
        Directory.CreateDirectory(Path("data"));
        File.WriteAllText(Path("data/scan.dcm"), "scan");
        File.CreateSymbolicLink(Path("link.dcm"), Path("data/scan.dcm"));
        Directory.CreateSymbolicLink(Path("alias"), Path("data"));

        AssertUsageError(Run("seal", "--to", PublicKey(keystore), "--in", Path("data/scan.dcm"), "--out", Path("link.dcm"), "--force"), "same file");
        AssertUsageError(Run("seal", "--to", PublicKey(keystore), "--in", Path("link.dcm"), "--out", Path("alias/scan.dcm"), "--force"), "same file");

        Assert.Equal("scan", File.ReadAllText(Path("data/scan.dcm")));
        Assert.NotNull(new FileInfo(Path("link.dcm")).LinkTarget);
    }

    [Fact]
    public void Open_refuses_an_out_that_is_the_envelope_or_the_keystore()
    {
        var keystore = NewKeystore("k.json");
        File.WriteAllText(Path("note.txt"), "x");
        Assert.Equal(ExitCodes.Success, Seal(keystore, "note.txt", "note.mbre").Code);
        var keystoreText = File.ReadAllText(keystore);

        AssertUsageError(Open(keystore, "note.mbre", "note.mbre", "--force"), "--in");
        AssertUsageError(Open(keystore, "note.mbre", "k.json", "--force"), "--key");

        Assert.Equal(keystoreText, File.ReadAllText(keystore));
        Assert.True(File.Exists(Path("note.mbre")));
    }

    [Fact]
    public void Fhir_roundtrip_refuses_an_out_that_is_the_bundle()
    {
        File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "fhir", "decimal-edge-cases.json"), Path("bundle.json"));
        var before = File.ReadAllBytes(Path("bundle.json"));

        AssertUsageError(Run("fhir", "roundtrip", "--bundle", Path("bundle.json"), "--out", Path("bundle.json"), "--force"), "--bundle");

        Assert.Equal(before, File.ReadAllBytes(Path("bundle.json")));
    }

    private string NewKeystore(string name)
    {
        Assert.Equal(ExitCodes.Success, Run("key", "new", "--out", Path(name), "--password-env", _passwordVariable, "--scrypt-n", "1024").Code);
        return Path(name);
    }

    private string PublicKey(string keystore) => Run("key", "public", keystore, "--password-env", _passwordVariable).Output.Trim();

    private (int Code, string Output, string Error) Seal(string keystore, string input, string output, params string[] more) =>
        Run(["seal", "--to", PublicKey(keystore), "--in", Path(input), "--out", Path(output), .. more]);

    private (int Code, string Output, string Error) Open(string keystore, string input, string output, params string[] more) =>
        Run(["open", "--key", keystore, "--password-env", _passwordVariable, "--in", Path(input), "--out", Path(output), .. more]);

    private static void AssertUsageError((int Code, string Output, string Error) result, string mention)
    {
        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.StartsWith("medibloc: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(mention, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    private string Path(string name) => System.IO.Path.Combine(_folder, name);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
