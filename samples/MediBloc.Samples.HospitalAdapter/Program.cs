using MediBloc.Samples.HospitalAdapter;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using Spectre.Console;

// Usage: HospitalAdapter FOLDER [--work DIR]
//          [--rpc URL --ipfs URL --registry ADDR --access-grants ADDR --credentials ADDR --hospital-keystore FILE --patients FILE]
//        HospitalAdapter patient grant-write --keystore FILE --id EHR_ID --hospital ADDR --patients FILE [--days N]
//          --rpc URL --registry ADDR --access-grants ADDR
// FOLDER holds FHIR Bundles (*.json) and/or a FHIR Bulk Data export (*.ndjson). Keystore passwords come from the
// environment: MEDIBLOC_HOSPITAL_PASSWORD (the hospital's) and MEDIBLOC_PATIENT_PASSWORD (a patient's, for grant-write).
// Without --rpc: a demonstration with no servers, on an embedded chain and a local store under --work.
const string Usage = "usage: HospitalAdapter FOLDER [--work DIR] [--rpc URL --ipfs URL --registry ADDR --access-grants ADDR --credentials ADDR --hospital-keystore FILE --patients FILE]\n" +
                     "       HospitalAdapter patient grant-write --keystore FILE --id EHR_ID --hospital ADDR --patients FILE [--days N] --rpc URL --registry ADDR --access-grants ADDR";
if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
string Required(string name) => Option(name) ?? throw new ArgumentException($"{name} is required.");
string Password(string variable) => Environment.GetEnvironmentVariable(variable) ?? throw new ArgumentException($"Set {variable} to the keystore's password.");
MediBlocClientOptions NodeOptions(string work) => new()
{
    ChainRpcUrl = new Uri(Required("--rpc")),
    IpfsApiUrl = new Uri(Option("--ipfs") ?? "http://127.0.0.1:5001"),
    RecordRegistryAddress = Required("--registry"),
    AccessGrantsAddress = Required("--access-grants"),
    CredentialsAddress = Option("--credentials"),
    Outbox = new FileRecordOutbox(Path.Combine(work, "outbox")),
};

if (args[0] == "patient")
{
    // The patient's side, on the patient's device: grant the hospital a write consent, then give it the public entry.
    if (args.Length < 2 || args[1] != "grant-write")
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }
    using var patientKey = Web3KeyStore.Decrypt(File.ReadAllText(Required("--keystore")), Password("MEDIBLOC_PATIENT_PASSWORD"));
    var patientClient = new MediBlocClient(NodeOptions(Path.GetDirectoryName(Path.GetFullPath(Required("--keystore")))!));
    var days = int.Parse(Option("--days") ?? "365", System.Globalization.CultureInfo.InvariantCulture);
    var consent = await PatientSide.GrantWriteAsync(patientClient, patientKey, EvmAddress.Parse(Required("--hospital")), DateTimeOffset.UtcNow.AddDays(days));
    PatientDirectory.Load(Required("--patients")).Add(Required("--id"), patientKey.PublicKey);
    AnsiConsole.MarkupLine($"Write consent {Markup.Escape(consent.GrantId)} in force until {consent.ExpiresAt:u}; the directory entry holds your address and public key only.");
    return 0;
}

var folder = args[0];
var work = Option("--work") ?? Path.Combine(folder, ".medibloc-adapter");
Directory.CreateDirectory(work);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

MediBlocClient client;
HospitalIdentity hospital;
PatientDirectory directory;
AdapterState state;
if (Option("--rpc") is not null)
{
    // Real nodes: the hospital's keystore holds a funded key certified as a provider; patients granted writes with
    // "patient grant-write" and their entries are in the --patients file.
    client = new MediBlocClient(NodeOptions(work));
    hospital = HospitalIdentity.Load(Required("--hospital-keystore"), Password("MEDIBLOC_HOSPITAL_PASSWORD"));
    directory = PatientDirectory.Load(Required("--patients"));
    state = AdapterState.Load(Path.Combine(work, "state.json"));
}
else
{
    // A demonstration with no servers. The embedded chain lives for this run only, so everything but the hospital's
    // keystore starts afresh under WORK/embedded.
    AnsiConsole.MarkupLine("[grey]Using an embedded chain and a local content store (no servers); pass --rpc and the contract addresses for real nodes.[/]");
    var run = Path.Combine(work, "embedded");
    if (Directory.Exists(run))
    {
        Directory.Delete(run, recursive: true);
    }
    Directory.CreateDirectory(run);
    var keystore = Path.Combine(work, "hospital.keystore.json");
    var password = Environment.GetEnvironmentVariable("MEDIBLOC_HOSPITAL_PASSWORD") ?? "demonstration only";
    hospital = File.Exists(keystore) ? HospitalIdentity.Load(keystore, password) : HospitalIdentity.Create(keystore, password);
    var chain = new InProcessChain();
    var deployment = await chain.DeployMediBlocContractsAsync();
    client = new MediBlocClient(new MediBlocClientOptions
    {
        ContentStore = new LocalContentStore(Path.Combine(run, "store")),
        Outbox = new FileRecordOutbox(Path.Combine(run, "outbox")),
        RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
    }.UseDeployment(deployment).UseInProcessChain(chain));
    chain.SetBalance(hospital.Address.ToString(), System.Numerics.BigInteger.Pow(10, 20));
    using (var authority = Secp256k1PrivateKey.FromHex(chain.Accounts[0].PrivateKey))
    {
        await client.GetAuthorityClient(authority).CertifyAsync(hospital.Address, CredentialRole.Provider, DateTimeOffset.UtcNow.AddYears(1));
    }

    // Stand-ins for the patients' own devices: each patient's key lives in memory here, grants the hospital a write
    // consent and hands over its public entry. The adapter below never sees these keys.
    directory = PatientDirectory.Load(Path.Combine(run, "patients.json"));
    foreach (var patientId in AdapterInputs.Read(folder, [], out _).Keys)
    {
        using var patientKey = Secp256k1PrivateKey.Generate();
        chain.SetBalance(patientKey.Address.ToString(), System.Numerics.BigInteger.Pow(10, 20));
        await PatientSide.GrantWriteAsync(client, patientKey, hospital.Address, DateTimeOffset.UtcNow.AddDays(30));
        directory.Add(patientId, patientKey.PublicKey);
    }
    state = AdapterState.Load(Path.Combine(run, "state.json"));
}

using (hospital)
{
    var adapter = new HospitalAdapter(client, hospital, directory, state, AnsiConsole.Console);
    try
    {
        var outcomes = await adapter.RunAsync(folder, cancellationToken: cancel.Token);
        return outcomes.Patients.Any(o => o.Status.StartsWith("failed", StringComparison.Ordinal)) ? 1 : 0;
    }
    catch (OperationCanceledException)
    {
        AnsiConsole.MarkupLine("[yellow]Interrupted; run again to resume (patients already written are skipped).[/]");
        return 130;
    }
}
