using System.Text.Json;
using MediBloc.Cli;
using MediBloc.Cli.Commands;
using MediBloc.Cli.Framework;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Storage;

namespace MediBloc.Cli.Tests.Chain;

/// <summary><c>records import-device</c> on the embedded chain: each format, batching, re-runs and interrupted runs, bad files.</summary>
public sealed class DeviceImportFlowTests : IDisposable
{
    private readonly CliState _state = new();
    private readonly string _alice;

    public DeviceImportFlowTests()
    {
        _alice = _state.NewKey("alice");
        _state.Json("fund", "alice");
    }

    public void Dispose() => _state.Dispose();

    private static string Device(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "devices", name);

    [Theory]
    [InlineData("csv", "readings.csv", 4, "blood_pressure,glucose,heart_rate,steps")]
    [InlineData("openmhealth", "open-mhealth.json", 6, "blood_pressure,body_temperature,body_weight,glucose,heart_rate,steps")]
    [InlineData("applehealth", "apple-health-export.xml", 6, "blood_pressure,body_temperature,body_weight,glucose,heart_rate,steps")]
    public void Each_format_imports_and_records_list_and_open_show_the_observations(string format, string file, int readings, string kinds)
    {
        var imported = _state.Json("records", "import-device", Device(file), "--format", format, "--as", "alice");

        Assert.Equal((format, readings, 1, 1), (imported.GetProperty("format").GetString(), imported.GetProperty("readings").GetInt32(), imported.GetProperty("batches").GetInt32(), imported.GetProperty("published").GetInt32()));
        Assert.Equal(kinds, string.Join(',', imported.GetProperty("kinds").EnumerateObject().Select(k => k.Name)));
        var records = imported.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(readings, records.Count);
        var listed = _state.Json("records", "list", "--as", "alice").GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(records.Select(r => r.GetProperty("cid").GetString()).Order(), listed.Select(r => r.GetProperty("cid").GetString()).Order());
        Assert.All(listed, r => Assert.Equal("application/fhir+json", r.GetProperty("contentType").GetString()));

        for (var i = 0; i < records.Count; i++)
        {
            var output = _state.Path($"{format}-{i}.json");
            _state.Json("records", "open", records[i].GetProperty("cid").GetString()!, "--as", "alice", "--out", output);
            using var observation = JsonDocument.Parse(File.ReadAllText(output));
            var root = observation.RootElement;
            Assert.Equal("Observation", root.GetProperty("resourceType").GetString());
            Assert.Equal("Patient/" + _alice, root.GetProperty("subject").GetProperty("reference").GetString());
            Assert.Equal("http://loinc.org", root.GetProperty("code").GetProperty("coding")[0].GetProperty("system").GetString());
            Assert.True(root.TryGetProperty("effectiveDateTime", out _));
        }
        // The kinds in the output follow the readings, in file order.
        var heartRate = records.Single(r => r.GetProperty("kind").GetString() == "heart_rate");
        _state.Json("records", "open", heartRate.GetProperty("cid").GetString()!, "--as", "alice", "--out", _state.Path("hr.json"));
        Assert.Equal("8867-4", JsonDocument.Parse(File.ReadAllText(_state.Path("hr.json"))).RootElement.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(1, 6)]
    [InlineData(6, 1)]
    public async Task N_readings_in_batches_of_k_make_ceil_N_over_k_batch_anchors_on_chain(int batchSize, int batches)
    {
        var imported = _state.Json("records", "import-device", Device("open-mhealth.json"), "--format", "openmhealth", "--batch-size", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--as", "alice");

        Assert.Equal((batches, batches), (imported.GetProperty("batches").GetInt32(), imported.GetProperty("published").GetInt32()));
        var records = imported.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(batches, records.Select(r => r.GetProperty("transactionHash").GetString()).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i / batchSize), records.Select(r => r.GetProperty("batch").GetInt32()));

        // On chain: one BatchAnchored event per batch, of the batch's size, in the transactions printed; no single anchors.
        var registry = await RegistryAsync();
        var owner = EvmAddress.Parse(_alice);
        var anchors = await registry.GetBatchAnchoredEventsAsync(owner: owner).ToListAsync();
        Assert.Equal(Enumerable.Range(0, batches).Select(b => Math.Min(batchSize, 6 - (b * batchSize))), anchors.OrderBy(a => a.BlockNumber).Select(a => a.Count));
        Assert.Equal(records.Select(r => r.GetProperty("transactionHash").GetString()).Distinct().Order(), anchors.Select(a => a.TransactionHash).Order());
        Assert.Empty(await registry.GetAnchoredEventsAsync(owner: owner).ToListAsync());
    }

    [Fact]
    public void A_re_run_publishes_nothing_again_and_filters_make_a_separate_import()
    {
        var first = _state.Json("records", "import-device", Device("apple-health-export.xml"), "--format", "applehealth", "--batch-size", "4", "--as", "alice");
        var again = _state.Json("records", "import-device", Device("apple-health-export.xml"), "--format", "applehealth", "--batch-size", "4", "--as", "alice");

        Assert.Equal((0, 2), (again.GetProperty("published").GetInt32(), again.GetProperty("skipped").GetInt32()));
        Assert.Equal(first.GetProperty("importId").GetString(), again.GetProperty("importId").GetString());
        Assert.Equal(first.GetProperty("records").ToString(), again.GetProperty("records").ToString());
        Assert.Equal(6, _state.Json("records", "list", "--as", "alice").GetProperty("records").GetArrayLength());
        var (code, human, _) = _state.Run("records", "import-device", Device("apple-health-export.xml"), "--format", "applehealth", "--batch-size", "4", "--as", "alice");
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("6 reading(s) in 2 batch(es): 0 published now, 2 already imported, 0 recovered", human, StringComparison.Ordinal);

        var filtered = _state.Json("records", "import-device", Device("apple-health-export.xml"), "--format", "applehealth", "--kinds", "heart_rate", "steps", "--since", "2026-11-20", "--as", "alice");
        Assert.Equal(2, filtered.GetProperty("readings").GetInt32());
        Assert.Equal(["heart_rate", "steps"], filtered.GetProperty("kinds").EnumerateObject().Select(k => k.Name));
        Assert.Equal(8, _state.Json("records", "list", "--as", "alice").GetProperty("records").GetArrayLength());
        var none = _state.Json("records", "import-device", Device("apple-health-export.xml"), "--format", "applehealth", "--since", "2030-01-01", "--as", "alice");
        Assert.Equal((0, 0), (none.GetProperty("readings").GetInt32(), none.GetProperty("batches").GetInt32()));
    }

    [Theory]
    [InlineData("started")]
    [InlineData("published")]
    public void A_run_killed_around_a_batch_is_finished_by_the_next_without_duplicates(string stage)
    {
        // A record of the patient's own beside the import: recovery must tell it from the import's.
        File.WriteAllText(_state.Path("note.json"), """{"resourceType":"Observation","status":"final","code":{"text":"note"}}""");
        _state.Json("records", "publish", "--in", _state.Path("note.json"), "--as", "alice");
        DeviceImportCommand.Checkpoint.Value = (at, batch) =>
        {
            if (at == stage && batch == 1)
            {
                throw new IOException("simulated crash");
            }
        };
        var (code, _, _) = _state.Run("records", "import-device", Device("open-mhealth.json"), "--format", "openmhealth", "--batch-size", "2", "--as", "alice");
        DeviceImportCommand.Checkpoint.Value = null;
        Assert.Equal(ExitCodes.Failed, code);
        // Killed before batch 1 was sent: 2 records anchored; killed after its anchor, before the journal noted it: 4.
        Assert.Equal(stage == "started" ? 3 : 5, _state.Json("records", "list", "--as", "alice").GetProperty("records").GetArrayLength());

        var finished = _state.Json("records", "import-device", Device("open-mhealth.json"), "--format", "openmhealth", "--batch-size", "2", "--as", "alice");

        Assert.Equal(stage == "started" ? (1, 0, 2) : (1, 1, 1), (finished.GetProperty("skipped").GetInt32(), finished.GetProperty("recovered").GetInt32(), finished.GetProperty("published").GetInt32()));
        AssertImportedOnce(finished, 6, others: 1);
    }

    [Fact]
    public async Task Ctrl_C_exits_130_and_the_next_run_finishes_the_import_without_duplicates()
    {
        using var ctrlC = new CancellationTokenSource();
        DeviceImportCommand.Checkpoint.Value = (at, batch) =>
        {
            if (at == "started" && batch == 1)
            {
                ctrlC.Cancel();
            }
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(
            ["records", "import-device", Device("open-mhealth.json"), "--format", "openmhealth", "--batch-size", "2", "--as", "alice", "--state", _state.StatePath],
            output, error, ctrlC.Token);
        DeviceImportCommand.Checkpoint.Value = null;
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Empty(output.ToString());
        Assert.Contains("cancelled", error.ToString(), StringComparison.Ordinal);

        var finished = _state.Json("records", "import-device", Device("open-mhealth.json"), "--format", "openmhealth", "--batch-size", "2", "--as", "alice");

        Assert.Equal(1, finished.GetProperty("skipped").GetInt32());
        Assert.Equal(3, finished.GetProperty("skipped").GetInt32() + finished.GetProperty("recovered").GetInt32() + finished.GetProperty("published").GetInt32());
        AssertImportedOnce(finished, 6);
    }

    [Fact]
    public void A_batch_left_in_the_outbox_by_a_failed_store_is_anchored_once_by_the_next_run()
    {
        var armed = false;
        DeviceImportCommand.Checkpoint.Value = (at, batch) => armed = at == "started" && batch == 1;
        DeviceImportCommand.ConfigureClient.Value = options => options.ContentStore = new FailingStore(options.ContentStore!, () => armed);
        var (code, _, error) = _state.Run("records", "import-device", Device("open-mhealth.json"), "--format", "openmhealth", "--batch-size", "3", "--as", "alice");
        DeviceImportCommand.Checkpoint.Value = null;
        DeviceImportCommand.ConfigureClient.Value = null;
        Assert.NotEqual(ExitCodes.Success, code);
        Assert.StartsWith("medibloc: ", error, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_state.StatePath, "outbox"), "*", SearchOption.AllDirectories));

        var finished = _state.Json("records", "import-device", Device("open-mhealth.json"), "--format", "openmhealth", "--batch-size", "3", "--as", "alice");

        Assert.Equal((1, 1, 0, 0), (finished.GetProperty("skipped").GetInt32(), finished.GetProperty("recovered").GetInt32(), finished.GetProperty("published").GetInt32(), finished.GetProperty("resumed").GetInt32()));
        AssertImportedOnce(finished, 6);
    }

    [Theory]
    [InlineData("csv", "time,type,value\n2026-11-20T07:00:00+01:00,heart_rate,\"61.7\n", ExitCodes.Failed)]
    [InlineData("csv", "time,type\n2026-11-20T07:00:00+01:00,heart_rate\n", ExitCodes.Failed)]
    [InlineData("openmhealth", "[{\"header\":{\"schema_id\":{\"name\":\"heart-rate\"}},\"body\":{\"heart_rate\":{\"value\":61.7,\"unit\":\"beats/min\"}}}", ExitCodes.Failed)]
    [InlineData("openmhealth", "[{\"header\":{\"schema_id\":{\"name\":\"unknown-schema\"}},\"body\":{}}]", ExitCodes.Failed)]
    [InlineData("applehealth", "<?xml version=\"1.0\"?><!DOCTYPE HealthData [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><HealthData><Record type=\"HKQuantityTypeIdentifierHeartRate\" unit=\"count/min\" value=\"&c;\" sourceName=\"w\" startDate=\"2026-11-20 07:00:00 +0100\" endDate=\"2026-11-20 07:00:00 +0100\"/></HealthData>", ExitCodes.Failed)]
    [InlineData("applehealth", "<HealthData><Record type=\"HKQuantityTypeIdentifierHeartRate\" unit=\"count/min\" value=\"61.7\"", ExitCodes.Failed)]
    [InlineData("applehealth", "<?xml version=\"1.0\"?><!DOCTYPE HealthData SYSTEM \"file:///etc/passwd\"><HealthData><Record type=\"HKQuantityTypeIdentifierHeartRate\" unit=\"count/min\" sourceName=\"w\" startDate=\"2026-11-20 07:00:00 +0100\" endDate=\"2026-11-20 07:00:00 +0100\"/></HealthData>", ExitCodes.Failed)]
    public void A_malformed_or_hostile_file_is_a_typed_failure_and_publishes_nothing(string format, string content, int expected)
    {
        File.WriteAllText(_state.Path("bad"), content);

        var message = _state.Fails(expected, "records", "import-device", _state.Path("bad"), "--format", format, "--as", "alice");

        Assert.DoesNotContain("61.7", message, StringComparison.Ordinal);
        AssertNothingPublished();
    }

    [Fact]
    public void An_export_over_the_bounds_a_missing_file_or_an_unknown_format_publishes_nothing()
    {
        using (var huge = File.Create(_state.Path("huge.json")))
        {
            huge.SetLength(OpenMHealthImporterMaxBytes + 1);
        }
        Assert.Contains("more than", _state.Fails(ExitCodes.Failed, "records", "import-device", _state.Path("huge.json"), "--format", "openmhealth", "--as", "alice"), StringComparison.Ordinal);
        using (var huge = File.Create(_state.Path("huge.csv")))
        {
            huge.SetLength(DeviceExport.MaxCsvBytes + 1);
        }
        _state.Fails(ExitCodes.Failed, "records", "import-device", _state.Path("huge.csv"), "--format", "csv", "--as", "alice");
        _state.Fails(ExitCodes.Usage, "records", "import-device", _state.Path("missing.csv"), "--format", "csv", "--as", "alice");
        _state.Fails(ExitCodes.Usage, "records", "import-device", Device("readings.csv"), "--format", "fitbit", "--as", "alice");
        _state.Fails(ExitCodes.Usage, "records", "import-device", Device("readings.csv"), "--format", "csv", "--kinds", "mood", "--as", "alice");
        _state.Fails(ExitCodes.Usage, "records", "import-device", Device("readings.csv"), "--format", "csv", "--batch-size", "0", "--as", "alice");
        _state.Fails(ExitCodes.Usage, "records", "import-device", Device("readings.csv"), "--format", "csv", "--since", "yesterday", "--as", "alice");
        AssertNothingPublished();
    }

    private const long OpenMHealthImporterMaxBytes = MediBloc.Sdk.Fhir.OpenMHealthImporter.MaxBytes;

    private void AssertNothingPublished()
    {
        Assert.Equal(0, _state.Json("records", "list", "--as", "alice").GetProperty("records").GetArrayLength());
        var outbox = Path.Combine(_state.StatePath, "outbox");
        Assert.True(!Directory.Exists(outbox) || !Directory.EnumerateFiles(outbox, "*", SearchOption.AllDirectories).Any());
    }

    /// <summary>Every reading is one record, anchored once: the printed records are exactly the listed ones, and each opens.</summary>
    private void AssertImportedOnce(JsonElement result, int readings, int others = 0)
    {
        var records = result.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("cid").GetString()!).ToList();
        Assert.Equal(readings, records.Distinct().Count());
        var listed = _state.Json("records", "list", "--as", "alice").GetProperty("records").EnumerateArray().Select(r => r.GetProperty("cid").GetString()!).ToList();
        Assert.Equal(readings + others, listed.Count);
        Assert.Subset(listed.ToHashSet(), records.ToHashSet());
        var kinds = new List<string>();
        foreach (var cid in records)
        {
            var output = _state.Path(cid + ".json");
            _state.Json("records", "open", cid, "--as", "alice", "--out", output);
            kinds.Add(JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()!);
        }
        Assert.Equal(["85354-9", "8867-4", "55423-8", "15074-8", "29463-7", "8310-5"], kinds);
    }

    private async Task<RecordRegistryClient> RegistryAsync()
    {
        var state = new StateFolder(_state.StatePath);
        var deployment = state.ReadDeployment()!;
        var chain = await InProcessChain.OpenAsync(state.Journal);
        var connection = new ChainConnection(chain.CreateRpcClient(), new Nethereum.Web3.Accounts.Account(chain.Accounts[0].PrivateKey, chain.ChainId));
        return new RecordRegistryClient(connection, deployment.RecordRegistryAddress);
    }

    private sealed class FailingStore(IContentStore inner, Func<bool> fail) : IContentStore
    {
        public Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default) =>
            fail() ? throw new StorageException("simulated store failure", MediBlocErrorCode.NodeUnavailable) : inner.PutAsync(content, cancellationToken);
        public Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.OpenReadAsync(cid, cancellationToken);
        public Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.ExistsAsync(cid, cancellationToken);
        public Task PinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.PinAsync(cid, cancellationToken);
        public Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.UnpinAsync(cid, cancellationToken);
        public Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.GetInfoAsync(cid, cancellationToken);
        public IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
        public Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);
    }
}
