using System.Text;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.IntegrationTests.Signers;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using Spectre.Console;

namespace MediBloc.Samples.HospitalAdapter.Tests;

/// <summary>
/// The hospital adapter as a certified provider holding only its own key: patients grant it a write consent, it writes
/// bundles and a bulk export into their records (one batch per patient per run), resumes, writes nothing twice, and
/// skips a patient whose consent is gone without storing or anchoring anything.
/// </summary>
public abstract class HospitalAdapterTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("medibloc-adapter-").FullName;
    private readonly List<Secp256k1PrivateKey> _patientKeys = [];
    private readonly StringWriter _output = new();

    protected AdapterNetwork Network { get; private set; } = null!;

    protected string Inbox => Path.Combine(_root, "inbox");

    protected string Work => Path.Combine(_root, "work");

    protected string KeystorePath => Path.Combine(Work, "hospital.keystore.json");

    protected abstract Task<AdapterNetwork> StartAsync(string root);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Inbox);
        Directory.CreateDirectory(Work);
        Network = await StartAsync(_root);
    }

    public Task DisposeAsync()
    {
        _patientKeys.ForEach(k => k.Dispose());
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The hospital: a new key in an encrypted owner-only keystore, funded and certified as a provider.</summary>
    private async Task<HospitalIdentity> HospitalAsync()
    {
        using (var created = HospitalIdentity.Create(KeystorePath, "hospital password", new KeyStoreOptions { ScryptN = 1024 }))
        {
            await Network.FundAsync(created.Address);
            await Network.CertifyAsync(created.Address);
        }
        return HospitalIdentity.Load(KeystorePath, "hospital password");
    }

    /// <summary>A patient, on its own device: a key of its own, a write consent for the hospital, its public entry in the hospital's directory.</summary>
    private async Task<(Secp256k1PrivateKey Key, WriteConsent? Consent)> PatientAsync(string id, HospitalIdentity hospital, bool grant = true)
    {
        var key = Secp256k1PrivateKey.Generate();
        _patientKeys.Add(key);
        await Network.FundAsync(key.Address);
        var consent = grant
            ? await PatientSide.GrantWriteAsync(Network.Client(new InMemoryRecordOutbox()), key, hospital.Address, DateTimeOffset.UtcNow.AddDays(30))
            : null;
        PatientDirectory.Load(Path.Combine(Work, "patients.json")).Add(id, key.PublicKey);
        return (key, consent);
    }

    private HospitalAdapter Adapter(HospitalIdentity hospital, IContentStore? store = null) => new(
        Network.Client(new FileRecordOutbox(Path.Combine(Work, "outbox")), store),
        hospital,
        PatientDirectory.Load(Path.Combine(Work, "patients.json")),
        AdapterState.Load(Path.Combine(Work, "state.json")),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No }));

    private async Task<int> AuthoredBatchesAsync(EvmAddress patient) => (await Network.Registry().GetBatchAuthoredEventsAsync(patient).ToListAsync()).Count;

    [Fact]
    public async Task Bundles_and_a_bulk_export_land_in_each_patients_record_once_per_run_and_the_patient_opens_them_with_its_own_key()
    {
        Inputs.CopyBundle(Inbox, Inputs.MedsAllergies);
        var (bulkPatient, lines) = Inputs.WriteBulkExport(Inbox, Inputs.Synthea);
        Inputs.Append(Inbox, "Observation.ndjson", "{\"resourceType\":\"Observation\",", "[1,2,3]", "{\"id\":\"no-type\"}");
        Inputs.Append(Inbox, "Practitioner.ndjson", "{\"resourceType\":\"Practitioner\",\"id\":\"dr-1\"}");
        using var hospital = await HospitalAsync();
        var (bundleKey, _) = await PatientAsync(Inputs.BundlePatient, hospital);
        var (bulkKey, _) = await PatientAsync(bulkPatient, hospital);

        // First run: stopped once the first patient is written.
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Adapter(hospital).RunAsync(Inbox, _ => stop.Cancel(), stop.Token));
        Assert.Single(AdapterState.Load(Path.Combine(Work, "state.json")).Written);

        // Second run: the other patient; third run: nothing.
        var second = await Adapter(hospital).RunAsync(Inbox);
        var putsAfterSecond = Network.Store.Puts;
        var third = await Adapter(hospital).RunAsync(Inbox);

        Assert.Equal(["up to date", "written"], second.Patients.Select(p => p.Status).Order());
        Assert.All(third.Patients, p => Assert.Equal("up to date", p.Status));
        Assert.Equal(putsAfterSecond, Network.Store.Puts);
        Assert.Equal(1, await AuthoredBatchesAsync(bundleKey.Address));
        Assert.Equal(1, await AuthoredBatchesAsync(bulkKey.Address));
        var observations = lines.Count(l => l.Contains("\"resourceType\":\"Observation\"", StringComparison.Ordinal)) + 1;
        Assert.Equal(
            [("Observation.ndjson", observations), ("Observation.ndjson", observations + 1), ("Observation.ndjson", observations + 2)],
            second.Problems.Select(p => (p.File, p.Line)));
        Assert.Equal(1, second.WithoutPatient - lines.Count(l => !Inputs.LinesFor(bulkPatient, [l]).Any()));

        // The patients, with their own keys, list and open what the hospital wrote.
        var patientClient = Network.Client(new InMemoryRecordOutbox());
        var state = AdapterState.Load(Path.Combine(Work, "state.json"));
        var bundle = state.Written[Inputs.BundlePatient]["bundle:" + Path.GetFileName(Inputs.MedsAllergies)];
        var reassembled = await new FhirBundlePublisher(patientClient).OpenAsync(bundleKey, ContentId.Parse(bundle.Cids[^1]), bundle.Cids.SkipLast(1).Select(ContentId.Parse).ToArray());
        Assert.Equal(await File.ReadAllBytesAsync(Inputs.TestData(Inputs.MedsAllergies)), reassembled);
        var mine = await patientClient.GetPatientClient(bulkKey).ListMyRecordsAsync();
        var expected = Inputs.LinesFor(bulkPatient, lines);
        Assert.Equal(expected.Count, mine.Count);
        var opened = new List<string>();
        foreach (var record in mine)
        {
            opened.Add(Encoding.UTF8.GetString((await patientClient.GetProviderClient(bulkKey).OpenAsync(record.Cid)).Content.Span));
        }
        Assert.Equal(expected.Order(StringComparer.Ordinal), opened.Order(StringComparer.Ordinal));

        // Custody: no file the adapter wrote holds a patient's key; the hospital's keystore is owner-only.
        AssertNoPatientKeyIn(Work);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeystorePath));
            File.SetUnixFileMode(KeystorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            Assert.Throws<UnauthorizedAccessException>(() => HospitalIdentity.Load(KeystorePath, "hospital password"));
        }
    }

    [Fact]
    public async Task A_patient_whose_consent_was_revoked_between_runs_is_reported_and_skipped_with_nothing_stored_or_anchored()
    {
        var (revoking, _) = Inputs.WriteBulkExport(Inbox, Inputs.Synthea, maxPerType: 2);
        var (staying, _) = Inputs.WriteBulkExport(Inbox, Inputs.SyntheaSecond, maxPerType: 2);
        using var hospital = await HospitalAsync();
        var (revokingKey, consent) = await PatientAsync(revoking, hospital);
        var (stayingKey, _) = await PatientAsync(staying, hospital);
        var (neverKey, _) = await PatientAsync("never-consented", hospital, grant: false);
        var first = await Adapter(hospital).RunAsync(Inbox);
        Assert.All(first.Patients, p => Assert.Equal("written", p.Status));

        // Between runs: one patient revokes; each patient gets a new observation; a third patient never consented.
        await Network.Client(new InMemoryRecordOutbox()).GetPatientClient(revokingKey).RevokeAsync(consent!.GrantId);
        foreach (var patient in new[] { revoking, staying, "never-consented", "not-in-directory" })
        {
            Inputs.Append(Inbox, "Observation.ndjson", $"{{\"resourceType\":\"Observation\",\"id\":\"new-{patient}\",\"subject\":{{\"reference\":\"Patient/{patient}\"}}}}");
        }
        var puts = Network.Store.Puts;
        var second = await Adapter(hospital).RunAsync(Inbox);

        var status = second.Patients.ToDictionary(p => p.Patient, p => p.Status);
        Assert.Equal("no write consent: " + AccessDenialCodes.WriteConsentRevoked, status[revoking]);
        Assert.Equal("no write consent: " + AccessDenialCodes.NoWriteConsent, status["never-consented"]);
        Assert.Equal("not in directory", status["not-in-directory"]);
        Assert.Equal("written", status[staying]);
        // Only the staying patient's batch was stored: its one new record and the batch manifest.
        Assert.Equal(puts + 2, Network.Store.Puts);
        Assert.Equal(1, await AuthoredBatchesAsync(revokingKey.Address));
        Assert.Equal(0, await AuthoredBatchesAsync(neverKey.Address));
        Assert.Equal(2, await AuthoredBatchesAsync(stayingKey.Address));
        var state = AdapterState.Load(Path.Combine(Work, "state.json"));
        Assert.DoesNotContain("Observation/new-" + revoking, state.Written[revoking].Keys);
        Assert.Empty(state.Pending);
        AssertNoPatientKeyIn(Work);
    }

    [Fact]
    public async Task A_batch_left_in_the_outbox_by_a_store_outage_is_finished_on_the_next_run_and_not_written_twice()
    {
        var (patient, lines) = Inputs.WriteBulkExport(Inbox, Inputs.Synthea, maxPerType: 2);
        using var hospital = await HospitalAsync();
        var (key, _) = await PatientAsync(patient, hospital);

        Network.Store.Down = true;
        var failed = Assert.Single((await Adapter(hospital).RunAsync(Inbox)).Patients);
        var stillDown = Assert.Single((await Adapter(hospital).RunAsync(Inbox)).Patients);
        var waiting = await new FileRecordOutbox(Path.Combine(Work, "outbox")).ListBatchesAsync(hospital.Address).ToListAsync();
        Network.Store.Down = false;
        var resumed = await Adapter(hospital).RunAsync(Inbox);
        var puts = Network.Store.Puts;
        var again = await Adapter(hospital).RunAsync(Inbox);

        Assert.Equal("failed: " + MediBlocErrorCode.NodeUnavailable, failed.Status);
        Assert.Equal("failed: " + MediBlocErrorCode.NodeUnavailable, stillDown.Status);
        Assert.Single(waiting);
        Assert.Empty(await new FileRecordOutbox(Path.Combine(Work, "outbox")).ListBatchesAsync(hospital.Address).ToListAsync());
        Assert.Equal(["resumed", "up to date"], resumed.Patients.Select(p => p.Status));
        Assert.Equal(Inputs.LinesFor(patient, lines).Count, resumed.Patients[0].Records);
        Assert.Contains("now anchored", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(["up to date"], again.Patients.Select(p => p.Status));
        Assert.Equal(puts, Network.Store.Puts);
        Assert.Equal(1, await AuthoredBatchesAsync(key.Address));
        Assert.Equal(Inputs.LinesFor(patient, lines).Count, (await Network.Client(new InMemoryRecordOutbox()).GetPatientClient(key).ListMyRecordsAsync()).Count);
        AssertNoPatientKeyIn(Work);
    }

    [Fact]
    public async Task The_hospital_signs_through_an_external_signer_and_the_adapter_never_holds_a_key()
    {
        var (patient, lines) = Inputs.WriteBulkExport(Inbox, Inputs.Synthea, maxPerType: 2);
        using var external = await ProcessSigner.StartAsync();
        using var hospital = HospitalIdentity.FromSigner(external);
        await Network.FundAsync(hospital.Address);
        await Network.CertifyAsync(hospital.Address);
        var (key, _) = await PatientAsync(patient, hospital);

        var run = await Adapter(hospital).RunAsync(Inbox);

        Assert.Equal(["written"], run.Patients.Select(p => p.Status));
        Assert.True(await external.SignedCountAsync() > 0);
        Assert.Equal(1, await AuthoredBatchesAsync(key.Address));
        var mine = await Network.Client(new InMemoryRecordOutbox()).GetPatientClient(key).ListMyRecordsAsync();
        Assert.Equal(Inputs.LinesFor(patient, lines).Count, mine.Count);
        Assert.False(File.Exists(KeystorePath));
        AssertNoPatientKeyIn(Work);
    }

    /// <summary>No file under <paramref name="folder"/> holds a patient's private key, as raw bytes or as hex.</summary>
    private void AssertNoPatientKeyIn(string folder)
    {
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var key in _patientKeys)
        {
            var raw = key.ExportPrivateKey();
            var hex = Convert.ToHexString(raw);
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(file);
                var text = Encoding.UTF8.GetString(bytes);
                Assert.False(bytes.AsSpan().IndexOf(raw) >= 0, $"{file} holds a patient's key");
                Assert.DoesNotContain(hex, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}

/// <summary>The adapter on the sample's default: the embedded chain and a local store, no servers.</summary>
public sealed class HospitalAdapterOnEmbeddedChainTests : HospitalAdapterTests
{
    protected override Task<AdapterNetwork> StartAsync(string root) => AdapterNetwork.Embedded.StartAsync(root);
}

/// <summary>The adapter on real nodes: the devnet's anvil and js-ipfs.</summary>
[Collection(MediBloc.IntegrationTests.Infrastructure.DevnetCollection.Name)]
public sealed class HospitalAdapterOnDevnetTests(MediBloc.IntegrationTests.Infrastructure.DevnetFixture fixture) : HospitalAdapterTests
{
    protected override Task<AdapterNetwork> StartAsync(string root) => AdapterNetwork.Devnet.StartAsync(fixture.Devnet);
}
