using MediBloc.Cli;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Cli.Tests;

/// <summary>Runs the medibloc commands in-process on real files in a temporary folder.</summary>
public sealed class CliTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-cli-").FullName;
    private readonly string _passwordVariable = "MEDIBLOC_TEST_PW_" + Guid.NewGuid().ToString("N");
    private readonly string _wrongPasswordVariable = "MEDIBLOC_TEST_PW_" + Guid.NewGuid().ToString("N");

    public CliTests()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, Password);
        Environment.SetEnvironmentVariable(_wrongPasswordVariable, "not the password");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        Environment.SetEnvironmentVariable(_wrongPasswordVariable, null);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Key_new_prints_the_address_that_key_address_and_key_public_read_back()
    {
        var keystore = Path("alice.json");
        var created = Run("key", "new", "--out", keystore, "--password-env", _passwordVariable, "--scrypt-n", "1024");
        Assert.Equal(ExitCodes.Success, created.Code);
        var address = created.Output.Trim();
        Assert.True(EvmAddress.TryParse(address, out _));
        Assert.Equal(address, EvmAddress.Parse(address).ToString());

        var shown = Run("key", "address", keystore, "--password-env", _passwordVariable);
        Assert.Equal((ExitCodes.Success, address), (shown.Code, shown.Output.Trim()));

        var publicKey = Run("key", "public", keystore, "--password-env", _passwordVariable).Output.Trim();
        Assert.StartsWith("0x04", publicKey, StringComparison.Ordinal);
        Assert.Equal(132, publicKey.Length);
        Assert.Equal(EvmAddress.Parse(address), Secp256k1PublicKey.FromHex(publicKey).Address);
        using var key = Web3KeyStore.Decrypt(File.ReadAllText(keystore), Password);
        Assert.Equal(EvmAddress.Parse(address), key.Address);
    }

    [Fact]
    public void Key_new_with_pbkdf2_writes_a_pbkdf2_keystore()
    {
        var keystore = Path("bob.json");
        Assert.Equal(ExitCodes.Success, Run("key", "new", "--out", keystore, "--password-env", _passwordVariable, "--kdf", "pbkdf2").Code);
        Assert.Contains("\"kdf\":\"pbkdf2\"", File.ReadAllText(keystore), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_new_refuses_to_overwrite_an_existing_file()
    {
        var keystore = Path("existing.json");
        File.WriteAllText(keystore, "keep me");
        var result = Run("key", "new", "--out", keystore, "--password-env", _passwordVariable, "--scrypt-n", "1024");
        AssertFailedWithOneLine(result, ExitCodes.Usage);
        Assert.Equal("keep me", File.ReadAllText(keystore));
    }

    [Fact]
    public void Seal_then_open_returns_the_file_and_both_print_the_same_commitment()
    {
        var keystore = NewKeystore("patient.json");
        using var doctor = Secp256k1PrivateKey.Generate();
        var publicKey = Run("key", "public", keystore, "--password-env", _passwordVariable).Output.Trim();
        var plaintext = new byte[200_000];
        Random.Shared.NextBytes(plaintext);
        File.WriteAllBytes(Path("scan.dcm"), plaintext);

        var sealedResult = Run("seal", "--to", publicKey, "--to", doctor.PublicKey.ToString(), "--in", Path("scan.dcm"), "--out", Path("scan.mbre"), "--content-type", "application/dicom");
        Assert.Equal(ExitCodes.Success, sealedResult.Code);
        Assert.Equal(2, RecordEnvelope.ReadHeader(File.ReadAllBytes(Path("scan.mbre"))).RecipientCount);

        var opened = Run("open", "--key", keystore, "--password-env", _passwordVariable, "--in", Path("scan.mbre"), "--out", Path("scan.out"));
        Assert.Equal(ExitCodes.Success, opened.Code);
        Assert.Equal(plaintext, File.ReadAllBytes(Path("scan.out")));
        Assert.Equal($"application/dicom {sealedResult.Output.Trim()}", opened.Output.Trim());
        Assert.Empty(opened.Error);
    }

    [Fact]
    public void Seal_to_X25519_keys_from_key_public_x25519_opens_with_the_keystore()
    {
        var keystore = NewKeystore("patient.json");
        using var doctorAccount = Secp256k1PrivateKey.Generate();
        using var doctor = X25519PrivateKey.DeriveFrom(doctorAccount);
        var encryptionKey = Run("key", "public", keystore, "--password-env", _passwordVariable, "--x25519").Output.Trim();
        Assert.Equal(66, encryptionKey.Length);
        using (var account = Web3KeyStore.Decrypt(File.ReadAllText(keystore), Password))
        using (var derived = X25519PrivateKey.DeriveFrom(account))
        {
            Assert.Equal(derived.PublicKey.ToString(), encryptionKey);
        }

        var plaintext = new byte[70_000];
        Random.Shared.NextBytes(plaintext);
        File.WriteAllBytes(Path("ecg.bin"), plaintext);
        var sealedResult = Run("seal", "--to", encryptionKey, "--to", doctor.PublicKey.ToString(), "--in", Path("ecg.bin"), "--out", Path("ecg.mbre"));
        Assert.Equal(ExitCodes.Success, sealedResult.Code);
        var envelope = File.ReadAllBytes(Path("ecg.mbre"));
        Assert.Equal((KeyWrapSuite.EciesX25519, 2), (RecordEnvelope.ReadHeader(envelope).KeyWrapSuite, RecordEnvelope.ReadHeader(envelope).RecipientCount));
        Assert.Equal(plaintext, RecordEnvelope.Open(envelope, doctor).Plaintext.ToArray());

        var opened = Run("open", "--key", keystore, "--password-env", _passwordVariable, "--in", Path("ecg.mbre"), "--out", Path("ecg.out"));
        Assert.Equal(ExitCodes.Success, opened.Code);
        Assert.Equal(plaintext, File.ReadAllBytes(Path("ecg.out")));
    }

    [Fact]
    public void Seal_to_a_mix_of_secp256k1_and_X25519_keys_exits_2_and_writes_nothing()
    {
        using var account = Secp256k1PrivateKey.Generate();
        using var encryption = X25519PrivateKey.Generate();
        File.WriteAllText(Path("in.txt"), "x");
        var result = Run("seal", "--to", account.PublicKey.ToString(), "--to", encryption.PublicKey.ToString(), "--in", Path("in.txt"), "--out", Path("out.mbre"));
        AssertFailedWithOneLine(result, ExitCodes.Usage);
        Assert.Contains("mixes", result.Error, StringComparison.Ordinal);
        AssertNoOutput("out.mbre");
        var lowOrder = Run("seal", "--to", new string('0', 64), "--in", Path("in.txt"), "--out", Path("out.mbre"));
        AssertFailedWithOneLine(lowOrder, ExitCodes.Usage);
        Assert.Contains("X25519", lowOrder.Error, StringComparison.Ordinal);
        AssertNoOutput("out.mbre");
    }

    [Fact]
    public void Open_with_a_wrong_password_exits_3_and_leaves_no_output()
    {
        var keystore = NewKeystore("k.json");
        SealTo(keystore, "note.txt", "note.mbre");
        var result = Run("open", "--key", keystore, "--password-env", _wrongPasswordVariable, "--in", Path("note.mbre"), "--out", Path("note.out"));
        AssertFailedWithOneLine(result, ExitCodes.AccessDenied);
        AssertNoOutput("note.out");
    }

    [Fact]
    public void Open_with_a_key_that_is_not_a_recipient_exits_3_and_leaves_no_output()
    {
        var owner = NewKeystore("owner.json");
        var stranger = NewKeystore("stranger.json");
        SealTo(owner, "note.txt", "note.mbre");
        var result = Run("open", "--key", stranger, "--password-env", _passwordVariable, "--in", Path("note.mbre"), "--out", Path("note.out"));
        AssertFailedWithOneLine(result, ExitCodes.AccessDenied);
        Assert.Contains("not a recipient", result.Error, StringComparison.Ordinal);
        AssertNoOutput("note.out");
    }

    [Fact]
    public void Open_of_a_tampered_envelope_exits_4_and_leaves_no_partial_output()
    {
        var keystore = NewKeystore("k.json");
        var plaintext = new byte[300_000];
        File.WriteAllBytes(Path("big.bin"), plaintext);
        var publicKey = Run("key", "public", keystore, "--password-env", _passwordVariable).Output.Trim();
        Assert.Equal(ExitCodes.Success, Run("seal", "--to", publicKey, "--in", Path("big.bin"), "--out", Path("big.mbre")).Code);
        var envelope = File.ReadAllBytes(Path("big.mbre"));
        envelope[^5] ^= 0x40;
        File.WriteAllBytes(Path("big.mbre"), envelope);

        var result = Run("open", "--key", keystore, "--password-env", _passwordVariable, "--in", Path("big.mbre"), "--out", Path("big.out"));
        AssertFailedWithOneLine(result, ExitCodes.IntegrityFailure);
        AssertNoOutput("big.out");
    }

    [Fact]
    public void An_unset_password_variable_exits_2_with_one_line()
    {
        var result = Run("key", "new", "--out", Path("x.json"), "--password-env", "MEDIBLOC_TEST_UNSET_" + Guid.NewGuid().ToString("N"));
        AssertFailedWithOneLine(result, ExitCodes.Usage);
        Assert.Contains("is not set", result.Error, StringComparison.Ordinal);
        AssertNoOutput("x.json");
    }

    [Fact]
    public void Seal_to_something_that_is_not_a_public_key_exits_2_and_writes_nothing()
    {
        File.WriteAllText(Path("in.txt"), "x");
        var result = Run("seal", "--to", "0x1234", "--in", Path("in.txt"), "--out", Path("out.mbre"));
        AssertFailedWithOneLine(result, ExitCodes.Usage);
        AssertNoOutput("out.mbre");
    }

    [Theory]
    [InlineData("seal", "--in", "a")]
    [InlineData("open", "--bogus")]
    [InlineData("frobnicate")]
    public void Command_line_mistakes_exit_2_with_one_line(params string[] args) =>
        AssertFailedWithOneLine(Run(args), ExitCodes.Usage);

    [Fact]
    public void A_malformed_keystore_exits_1_with_one_line()
    {
        File.WriteAllText(Path("bad.json"), "{\"version\":3}");
        AssertFailedWithOneLine(Run("key", "address", Path("bad.json"), "--password-env", _passwordVariable), ExitCodes.Failed);
    }

    private string NewKeystore(string name)
    {
        Assert.Equal(ExitCodes.Success, Run("key", "new", "--out", Path(name), "--password-env", _passwordVariable, "--scrypt-n", "1024").Code);
        return Path(name);
    }

    private void SealTo(string keystore, string input, string output)
    {
        File.WriteAllText(Path(input), "Allergy: penicillin");
        var publicKey = Run("key", "public", keystore, "--password-env", _passwordVariable).Output.Trim();
        Assert.Equal(ExitCodes.Success, Run("seal", "--to", publicKey, "--in", Path(input), "--out", Path(output)).Code);
    }

    private void AssertNoOutput(string name)
    {
        Assert.False(File.Exists(Path(name)));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    private static void AssertFailedWithOneLine((int Code, string Output, string Error) result, int expectedCode)
    {
        Assert.Equal(expectedCode, result.Code);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("medibloc: ", lines[0], StringComparison.Ordinal);
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
