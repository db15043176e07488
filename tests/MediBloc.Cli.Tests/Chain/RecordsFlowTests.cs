using System.Text;
using MediBloc.Cli;
using MediBloc.Sdk.Tests.Files;

namespace MediBloc.Cli.Tests.Chain;

/// <summary>The chain commands on the embedded chain kept in a temporary state folder, each step a separate run.</summary>
public sealed class RecordsFlowTests : IDisposable
{
    private const string Record = """{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"subject":{"reference":"Patient/example"}}""";
    private readonly CliState _state = new();

    public void Dispose() => _state.Dispose();

    [Fact]
    public void Publish_share_open_audit_revoke_and_refusals_chain_across_runs()
    {
        var alice = _state.NewKey("alice");
        var bob = _state.NewKey("bob");
        _state.NewKey("mallory");
        _state.Json("fund", "alice");
        _state.Json("fund", "bob");
        var certified = _state.Json("authority", "certify", "bob", "--role", "provider");
        Assert.Equal(bob, certified.GetProperty("account").GetString());
        File.WriteAllText(_state.Path("bp.json"), Record);

        var published = _state.Json("records", "publish", "--as", "alice", "--in", _state.Path("bp.json"));
        var record = published.GetProperty("records")[0];
        var cid = record.GetProperty("cid").GetString()!;
        Assert.Equal(alice, record.GetProperty("owner").GetString());
        Assert.Equal("application/fhir+json", record.GetProperty("contentType").GetString());

        // Not shared yet: the provider is refused.
        _state.Fails(ExitCodes.AccessDenied, "provider", "open", cid, "--as", "bob", "--out", _state.Path("early.json"));
        Assert.False(File.Exists(_state.Path("early.json")));

        var share = _state.Json("records", "share", "--as", "alice", "--with", "bob", "--purpose", "TREAT");
        var grant = share.GetProperty("grantId").GetString()!;
        var sharedCid = Assert.Single(share.GetProperty("records").EnumerateArray()).GetProperty("cid").GetString()!;
        Assert.Equal(record.GetProperty("commitment").GetString(), share.GetProperty("records")[0].GetProperty("commitment").GetString());

        var shared = Assert.Single(_state.Json("provider", "list", "--as", "bob").GetProperty("records").EnumerateArray());
        Assert.Equal((sharedCid, alice), (shared.GetProperty("cid").GetString(), shared.GetProperty("owner").GetString()));
        var opened = _state.Json("provider", "open", sharedCid, "--as", "bob", "--out", _state.Path("read.json"));
        Assert.Equal(Record, File.ReadAllText(_state.Path("read.json")));
        Assert.Equal(alice, opened.GetProperty("owner").GetString());
        OwnerOnly.AssertFile(_state.Path("read.json"));

        // Someone else with no grant and no key share is refused.
        _state.Fails(ExitCodes.AccessDenied, "provider", "open", sharedCid, "--as", "mallory", "--out", _state.Path("mallory.json"));

        var trail = _state.Json("records", "audit", "--as", "alice").GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(trail, e => e.GetProperty("kind").GetString() == "Read" && e.GetProperty("actor").GetString() == bob);

        var listed = _state.Json("records", "list", "--as", "alice").GetProperty("records");
        Assert.Equal(cid, listed[0].GetProperty("cid").GetString());

        _state.Json("records", "revoke", grant, "--as", "alice");
        _state.Fails(ExitCodes.AccessDenied, "provider", "open", sharedCid, "--as", "bob", "--out", _state.Path("after.json"));
        Assert.False(File.Exists(_state.Path("after.json")));

        // The owner still opens it; a tampered copy in the store is an integrity failure.
        _state.Json("records", "open", cid, "--as", "alice", "--out", _state.Path("mine.json"));
        Assert.Equal(Record, File.ReadAllText(_state.Path("mine.json")));
        var stored = Directory.EnumerateFiles(Path.Combine(_state.StatePath, "store", "objects"), cid, SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(stored);
        bytes[bytes.Length / 2] ^= 0x01;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stored, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllBytes(stored, bytes);
        _state.Fails(ExitCodes.IntegrityFailure, "records", "open", cid, "--as", "alice", "--out", _state.Path("tampered.json"));
        Assert.False(File.Exists(_state.Path("tampered.json")));

        OwnerOnly.AssertTree(_state.StatePath);
    }

    [Fact]
    public void Human_output_without_json_is_one_line_per_fact()
    {
        _state.NewKey("alice");
        _state.Json("fund", "alice");
        File.WriteAllText(_state.Path("a.json"), Record);
        File.WriteAllText(_state.Path("b.json"), Record.Replace("final", "amended", StringComparison.Ordinal));

        var (code, output, error) = _state.Run("records", "publish", "--as", "alice", "--in", _state.Path("a.json"), _state.Path("b.json"));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains(" application/fhir+json block ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void The_state_survives_between_runs_keys_deployment_and_chain()
    {
        var alice = _state.NewKey("alice");
        _state.Json("fund", "alice", "--eth", "2");
        var keys = _state.Json("key", "list").GetProperty("keys");
        Assert.Equal(alice, keys[0].GetProperty("address").GetString());
        var deployment = File.ReadAllText(Path.Combine(_state.StatePath, "deployment.json"));

        File.WriteAllText(_state.Path("x.json"), Record);
        _state.Json("records", "publish", "--as", "alice", "--in", _state.Path("x.json"));

        Assert.Equal(deployment, File.ReadAllText(Path.Combine(_state.StatePath, "deployment.json")));
        Assert.Single(_state.Json("records", "list", "--as", "alice").GetProperty("records").EnumerateArray());
    }

    [Fact]
    public void Provider_writes_into_a_patient_record_only_under_write_consent()
    {
        var alice = _state.NewKey("alice");
        var doctor = _state.NewKey("doctor");
        _state.Json("fund", "alice");
        _state.Json("fund", "doctor");
        _state.Json("authority", "certify", "doctor", "--role", "provider");
        File.WriteAllText(_state.Path("note.json"), Record);

        _state.Fails(ExitCodes.AccessDenied, "provider", "write", "--as", "doctor", "--patient", "alice", "--in", _state.Path("note.json"));
        _state.Json("records", "allow-write", "--as", "alice", "--author", "doctor");
        var written = _state.Json("provider", "write", "--as", "doctor", "--patient", "alice", "--in", _state.Path("note.json"));

        var mine = _state.Json("records", "list", "--as", "alice").GetProperty("records").EnumerateArray().ToList();
        var authored = Assert.Single(mine);
        Assert.Equal(written.GetProperty("cid").GetString(), authored.GetProperty("cid").GetString());
        Assert.Equal(doctor, authored.GetProperty("author").GetString());
        Assert.NotEqual(alice, doctor);
    }

    [Fact]
    public void Emergency_break_the_glass_opens_the_profile_for_a_certified_paramedic_only()
    {
        var alice = _state.NewKey("alice");
        _state.NewKey("medic");
        _state.NewKey("impostor");
        foreach (var who in new[] { "alice", "medic", "impostor" })
        {
            _state.Json("fund", who);
        }
        _state.Json("authority", "certify", "medic", "--role", "emergency");
        const string Profile = """{"resourceType":"Bundle","type":"document","entry":[{"resource":{"resourceType":"AllergyIntolerance","code":{"text":"Penicillin"}}}]}""";
        File.WriteAllText(_state.Path("profile.json"), Profile);
        _state.Json("emergency", "profile", "set", "--as", "alice", "--in", _state.Path("profile.json"), "--to", "medic", "impostor");

        var opened = _state.Json("emergency", "break-glass", "alice", "--as", "medic", "--reason", "unconscious at scene", "--out", _state.Path("vital.json"));

        Assert.Equal(Profile, File.ReadAllText(_state.Path("vital.json")));
        Assert.Equal(alice, opened.GetProperty("owner").GetString());
        var refused = _state.Run("emergency", "break-glass", "alice", "--as", "impostor", "--reason", "curious", "--out", _state.Path("no.json"));
        Assert.NotEqual(ExitCodes.Success, refused.Code);
        Assert.False(File.Exists(_state.Path("no.json")));
        var trail = _state.Json("records", "audit", "--as", "alice").GetProperty("entries").EnumerateArray().ToList();
        var glass = Assert.Single(trail, e => e.GetProperty("kind").GetString() == "BreakTheGlass");

        // emergency open needs a profile set with key-release services; this one was sealed to the readers directly.
        var message = _state.Fails(ExitCodes.NotFound, "emergency", "open", "alice", "--as", "medic", "--tx", glass.GetProperty("transactionHash").GetString()!,
            "--block", glass.GetProperty("blockNumber").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", _state.Path("vital-again.json"));
        Assert.Contains("key-release manifest", message, StringComparison.Ordinal);
        Assert.False(File.Exists(_state.Path("vital-again.json")));
    }

    [Fact]
    public void A_revoked_provider_can_no_longer_write_and_chain_info_names_the_embedded_chain()
    {
        _state.NewKey("alice");
        _state.NewKey("doctor");
        _state.Json("fund", "alice");
        _state.Json("fund", "doctor");
        _state.Json("authority", "certify", "doctor", "--role", "provider");
        _state.Json("records", "allow-write", "--as", "alice", "--author", "doctor");
        _state.Json("authority", "revoke", "doctor", "--role", "provider", "--reason", "licence withdrawn");
        File.WriteAllText(_state.Path("note.json"), Record);

        var refused = _state.Run("provider", "write", "--as", "doctor", "--patient", "alice", "--in", _state.Path("note.json"));

        Assert.NotEqual(ExitCodes.Success, refused.Code);
        Assert.Empty(_state.Json("records", "list", "--as", "alice").GetProperty("records").EnumerateArray());
        var info = _state.Json("chain", "info");
        Assert.Equal("embedded", info.GetProperty("chain").GetString());
        Assert.Equal(31337, info.GetProperty("chainId").GetInt64());
        Assert.True(info.GetProperty("blockNumber").GetInt64() > 10);
    }

    [Fact]
    public void A_key_backed_up_to_guardians_is_restored_on_a_new_device_from_two_releases()
    {
        var alice = _state.NewKey("alice");
        _state.NewKey("g1");
        _state.NewKey("g2");
        _state.NewKey("g3");
        _state.NewKey("device");
        _state.Json("fund", "alice");
        File.WriteAllText(_state.Path("r.json"), Record);
        _state.Json("records", "publish", "--as", "alice", "--in", _state.Path("r.json"));

        var backup = _state.Json("key", "backup", "--as", "alice", "--guardian", "g1", "g2", "g3", "--threshold", "2");
        Assert.Equal(3, backup.GetProperty("guardians").GetArrayLength());
        var request = _state.Json("key", "recovery-request", "--as", "device", "--patient", alice, "--out", _state.Path("request.json"));
        Assert.Matches("^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{4}$", request.GetProperty("verificationCode").GetString()!);
        _state.Json("key", "release", "--as", "g1", "--request", _state.Path("request.json"), "--out", _state.Path("g1.json"));
        _state.Json("key", "release", "--as", "g3", "--request", _state.Path("request.json"), "--out", _state.Path("g3.json"));

        var restored = _state.Json("key", "restore", "--as", "device", "--patient", alice, "--release", _state.Path("g1.json"), _state.Path("g3.json"), "--name", "alice-restored");

        Assert.Equal(alice, restored.GetProperty("address").GetString());
        Assert.Equal(0, restored.GetProperty("failed").GetInt32());
        Assert.Single(_state.Json("records", "list", "--as", "alice-restored").GetProperty("records").EnumerateArray());
    }

    [Fact]
    public void Chain_commands_without_an_identity_or_with_an_unknown_name_are_usage_errors()
    {
        _state.Fails(ExitCodes.Usage, "records", "list");
        _state.Fails(ExitCodes.Usage, "records", "list", "--as", "nobody");
        _state.Fails(ExitCodes.Usage, "records", "list", "--rpc", "http://127.0.0.1:1");
    }

    [Fact]
    public void A_corrupted_chain_journal_is_a_state_failure_and_left_alone()
    {
        _state.NewKey("alice");
        _state.Json("fund", "alice");
        var journal = Path.Combine(_state.StatePath, "chain.journal");
        var bytes = File.ReadAllBytes(journal);
        bytes[bytes.Length / 3] ^= 0x40;
        File.WriteAllBytes(journal, bytes);

        _state.Fails(ExitCodes.StateFailure, "records", "list", "--as", "alice");

        Assert.Equal(bytes, File.ReadAllBytes(journal));
    }

    [Fact]
    public async Task A_publish_cancelled_before_it_starts_exits_130_and_writes_nothing()
    {
        _state.NewKey("alice");
        _state.Json("fund", "alice");
        File.WriteAllText(_state.Path("c.json"), Record);
        var journal = Path.Combine(_state.StatePath, "chain.journal");
        var before = File.ReadAllBytes(journal);
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var code = await Program.RunAsync(["records", "publish", "--as", "alice", "--in", _state.Path("c.json"), "--state", _state.StatePath], output, error, cancelled.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Equal(before, File.ReadAllBytes(journal));
        Assert.Empty(_state.Json("records", "list", "--as", "alice").GetProperty("records").EnumerateArray());
    }
}
