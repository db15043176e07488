using System.Text.Json;
using MediBloc.Cli;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Testing;

namespace MediBloc.Cli.Tests.Chain;

/// <summary>The tool on real nodes: anvil and js-ipfs from the devnet, reached with --rpc/--ipfs/--deployment.</summary>
public sealed class DevnetRunTests(DevnetRunTests.Nodes nodes) : IClassFixture<DevnetRunTests.Nodes>
{
    private const string Record = """{"resourceType":"Observation","status":"final","code":{"text":"HbA1c"},"valueQuantity":{"value":5.4,"unit":"%"}}""";

    [Fact]
    public async Task Publish_share_open_revoke_and_refusal_run_on_anvil_and_ipfs()
    {
        await using var run = await ToolRun.StartAsync(nodes.Devnet);
        var state = run.State;
        var authorityKeystore = run.AuthorityKeystore;

        var alice = state.NewKey("alice");
        state.NewKey("bob");
        state.Json("fund", "alice", "--key", authorityKeystore);
        state.Json("fund", "bob", "--key", authorityKeystore);
        state.Json("authority", "certify", "bob", "--role", "provider", "--key", authorityKeystore);
        var info = state.Json("chain", "info");
        Assert.Equal(nodes.Devnet.RpcUrl.ToString(), info.GetProperty("chain").GetString());
        Assert.Equal(run.Deployment.RecordRegistryAddress.ToString(), info.GetProperty("deployment").GetProperty("recordRegistryAddress").GetString());

        await File.WriteAllTextAsync(state.Path("a1c.json"), Record);
        var cid = state.Json("records", "publish", "--as", "alice", "--in", state.Path("a1c.json")).GetProperty("records")[0].GetProperty("cid").GetString()!;
        state.Fails(ExitCodes.AccessDenied, "provider", "open", cid, "--as", "bob", "--out", state.Path("early.json"));
        var share = state.Json("records", "share", "--as", "alice", "--with", "bob");
        var sharedCid = share.GetProperty("records")[0].GetProperty("cid").GetString()!;
        var opened = state.Json("provider", "open", sharedCid, "--as", "bob", "--out", state.Path("read.json"));

        Assert.Equal(Record, await File.ReadAllTextAsync(state.Path("read.json")));
        Assert.Equal(alice, opened.GetProperty("owner").GetString());
        state.Json("records", "revoke", share.GetProperty("grantId").GetString()!, "--as", "alice");
        state.Fails(ExitCodes.AccessDenied, "provider", "open", sharedCid, "--as", "bob", "--out", state.Path("after.json"));

        // A device export, imported in batches of 4 (2 batch anchors on anvil, envelopes on IPFS), opens as Observations; a re-run adds nothing.
        var devices = Path.Combine(AppContext.BaseDirectory, "TestData", "devices", "open-mhealth.json");
        var imported = state.Json("records", "import-device", devices, "--format", "openmhealth", "--batch-size", "4", "--as", "alice");
        Assert.Equal((6, 2, 2), (imported.GetProperty("readings").GetInt32(), imported.GetProperty("batches").GetInt32(), imported.GetProperty("published").GetInt32()));
        Assert.Equal(2, imported.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("transactionHash").GetString()).Distinct().Count());
        var observationCid = imported.GetProperty("records")[0].GetProperty("cid").GetString()!;
        state.Json("records", "open", observationCid, "--as", "alice", "--out", state.Path("observation.json"));
        Assert.Contains("\"resourceType\":\"Observation\"", await File.ReadAllTextAsync(state.Path("observation.json")), StringComparison.Ordinal);
        Assert.Equal(0, state.Json("records", "import-device", devices, "--format", "openmhealth", "--batch-size", "4", "--as", "alice").GetProperty("published").GetInt32());
        Assert.Equal(7, state.Json("records", "list", "--as", "alice").GetProperty("records").GetArrayLength());
        Assert.False(File.Exists(Path.Combine(state.StatePath, "chain.journal")));
    }

    [Fact]
    public async Task Report_and_study_commands_run_on_anvil_and_ipfs()
    {
        await using var run = await ToolRun.StartAsync(nodes.Devnet);
        var state = run.State;
        var authority = run.AuthorityKeystore;
        state.NewKey("alice");
        state.NewKey("lab");
        state.Json("fund", "alice", "--key", authority);
        state.Json("fund", "lab", "--key", authority);
        state.Json("authority", "certify", "lab", "--role", "researcher", "--key", authority);
        await File.WriteAllTextAsync(state.Path("patient.json"), """{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1970-05-01"}""");
        await File.WriteAllTextAsync(state.Path("condition.json"),
            """{"resourceType":"Condition","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"15777000"}],"text":"Prediabetes"},"subject":{"reference":"Patient/p1"},"onsetDateTime":"2020-01-01"}""");
        state.Json("records", "publish", "--as", "alice", "--in", state.Path("patient.json"), state.Path("condition.json"));

        var report = state.Json("report", "--as", "alice", "--as-of", "2026-01-01", "--out", state.Path("report.json"));
        Assert.Equal((2, 1), (report.GetProperty("records").GetInt32(), report.GetProperty("activeConditions").GetInt32()));
        Assert.Contains("Prediabetes", await File.ReadAllTextAsync(state.Path("report.json")), StringComparison.Ordinal);

        var study = MediBloc.Sdk.Fhir.ResearchStudyEligibility.ToResearchStudy("Prediabetes follow-up", "Adults aged 40 to 80 with prediabetes.",
            [MediBloc.Sdk.Fhir.EligibilityCriterion.HasCondition(new MediBloc.Sdk.Fhir.EligibilityCode(MediBloc.Sdk.Fhir.EligibilityCode.Snomed, "15777000")),
             MediBloc.Sdk.Fhir.EligibilityCriterion.AgeBetween(40, 80)]);
        await File.WriteAllTextAsync(state.Path("study.json"), MediBloc.Sdk.Fhir.ResearchStudyEligibility.ToJson(study));
        var id = state.Json("research", "study", "post", "--as", "lab", "--in", state.Path("study.json")).GetProperty("studyId").GetString()!;
        Assert.True(state.Json("research", "eligibility", id, "--as", "alice", "--signal-interest").GetProperty("eligible").GetBoolean());
        state.Json("research", "enrol", id, "--as", "alice");
        var counts = state.Json("research", "study", "count", id, "--as", "lab");
        Assert.Equal((1, 1), (counts.GetProperty("interested").GetInt32(), counts.GetProperty("enrolled").GetInt32()));
        state.Fails(ExitCodes.ChainFailure, "research", "enrol", id, "--as", "alice");
        state.Json("research", "withdraw", id, "--as", "alice");
        Assert.Equal(0, state.Json("research", "study", "count", id, "--as", "lab").GetProperty("enrolled").GetInt32());
    }

    [Fact]
    public async Task Claims_commands_run_on_anvil_and_ipfs_and_refuse_the_same_encounter_twice()
    {
        await using var run = await ToolRun.StartAsync(nodes.Devnet);
        var state = run.State;
        var authority = run.AuthorityKeystore;
        state.NewKey("acme");
        var alice = state.NewKey("alice");
        state.Json("fund", "acme", "--med", "1000", "--key", authority);
        state.Json("fund", "alice", "--key", authority);
        state.Json("authority", "certify", "acme", "--role", "insurer", "--key", authority);
        var now = DateTimeOffset.UtcNow;
        await File.WriteAllBytesAsync(state.Path("rules.json"), ClaimsFlowTests.Rules(now).ToJson());
        await File.WriteAllTextAsync(state.Path("checkup.json"), ClaimsFlowTests.EncounterBundle("checkup", now, cosmetic: false));

        var policy = state.Json("claims", "policy", "open", "--rules", state.Path("rules.json"), "--as", "acme").GetProperty("policyId").GetString()!;
        state.Json("claims", "policy", "fund", policy, "--med", "1000", "--as", "acme");
        Assert.Equal(alice, state.Json("claims", "policy", "enrol", policy, "--member", "alice", "--as", "acme").GetProperty("member").GetString());
        string[] file = ["claims", "file", "--policy", policy, "--encounter", state.Path("checkup.json"), "--insurer", "acme", "--rules", state.Path("rules.json"), .. ClaimsFlowTests.Charges, "--as", "alice"];
        var claim = state.Json(file).GetProperty("claimId").GetString()!;
        Assert.Equal("Filed", state.Json("claims", "status", claim, "--as", "alice").GetProperty("status").GetString());
        var records = ClaimsFlowTests.Records(state, "alice");
        Assert.Contains("already claims this encounter", state.Fails(ExitCodes.AccessDenied, file), StringComparison.Ordinal);
        Assert.Equal(records, ClaimsFlowTests.Records(state, "alice"));

        var paid = state.Json("claims", "adjudicate", claim, "--rules", state.Path("rules.json"), "--as", "acme");
        Assert.Equal(("paid", 132m), (paid.GetProperty("decision").GetString(), paid.GetProperty("paidMed").GetDecimal()));
        var status = state.Json("claims", "status", claim, "--as", "alice");
        Assert.Equal(("Paid", 132m, 132m), (status.GetProperty("status").GetString(), status.GetProperty("paidMed").GetDecimal(), status.GetProperty("eobPayment").GetDecimal()));
        Assert.Empty(state.Json("claims", "pending", "--policy", policy, "--as", "acme").GetProperty("claims").EnumerateArray());
    }

    /// <summary>One devnet (anvil + js-ipfs) for the class; each test deploys its own contracts on it.</summary>
    public sealed class Nodes : IAsyncLifetime
    {
        private Devnet? _devnet;

        public Devnet Devnet => _devnet ?? throw new InvalidOperationException("The devnet has not started.");

        public async Task InitializeAsync() => _devnet = await Devnet.StartAsync();

        public async Task DisposeAsync()
        {
            if (_devnet is not null)
            {
                await _devnet.DisposeAsync();
            }
        }
    }

    /// <summary>A fresh deployment on the devnet, its file and the authority's keystore in a temporary folder, and the tool pointed at them.</summary>
    private sealed class ToolRun : IAsyncDisposable
    {
        private readonly string _folder;

        private ToolRun(string folder, MediBlocDeployment deployment, string authorityKeystore, CliState state)
        {
            _folder = folder;
            Deployment = deployment;
            AuthorityKeystore = authorityKeystore;
            State = state;
        }

        public MediBlocDeployment Deployment { get; }

        public string AuthorityKeystore { get; }

        public CliState State { get; }

        public static async Task<ToolRun> StartAsync(Devnet devnet)
        {
            using var deployer = Secp256k1PrivateKey.FromHex(devnet.Accounts[0].PrivateKey);
            var deployment = await MediBlocClient.DeployContractsAsync(devnet.RpcUrl, deployer);
            var folder = Directory.CreateTempSubdirectory("medibloc-cli-devnet-").FullName;
            var deploymentFile = Path.Combine(folder, "deployment.json");
            await File.WriteAllTextAsync(deploymentFile, JsonSerializer.Serialize(deployment));
            var authority = Path.Combine(folder, "authority.json");
            await File.WriteAllTextAsync(authority, Web3KeyStore.Encrypt(deployer, CliState.Password, new KeyStoreOptions { ScryptN = 1024 }));
            return new ToolRun(folder, deployment, authority, new CliState("--rpc", devnet.RpcUrl.ToString(), "--ipfs", devnet.IpfsApiUrl.ToString(), "--deployment", deploymentFile));
        }

        public ValueTask DisposeAsync()
        {
            State.Dispose();
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
