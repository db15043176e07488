using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Fhir.Reports;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Testing;

namespace MediBloc.Samples.HealthReport;

/// <summary>
/// A patient's personal health report, end to end: the patient publishes a Synthea bundle's resources as records
/// (sealed, stored, batch-anchored), opens them back on their own device through the SDK, and builds the report from
/// them — preventive-care gaps, trends with charts, conditions, medications, allergies — written as report.html and
/// report.json (owner-only files). Nothing leaves the device but sealed records.
/// </summary>
public static class HealthReportStory
{
    // anvil's first two dev keys (from its public test mnemonic): only for a local devnet.
    private const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string AnvilKey1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    /// <summary>The bundle the sample publishes when none is given.</summary>
    public static string DefaultBundlePath => Path.Combine(AppContext.BaseDirectory, "data", "sof-Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json");

    /// <summary>Runs the sample.</summary>
    /// <param name="settings">Where to run and what to publish.</param>
    /// <param name="output">Where the steps are told.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The reports and where they were written.</returns>
    /// <exception cref="MediBlocException">A step failed (chain, store, malformed bundle).</exception>
    /// <exception cref="IOException">The output files could not be written (they exist and are not the sample's, or the folder is not writable).</exception>
    public static async Task<HealthReportResult> RunAsync(HealthReportSettings settings, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var asOf = settings.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var bundleJson = await File.ReadAllBytesAsync(settings.BundlePath ?? DefaultBundlePath, cancellationToken);
        var split = FhirBundleSplitter.Split(bundleJson);

        Devnet? devnet = null;
        string? scratch = null;
        try
        {
            var rpc = settings.RpcUrl;
            var ipfs = settings.IpfsUrl;
            if (settings.StartDevnet && (rpc is null || ipfs is null))
            {
                output.WriteLine("Starting a local devnet (anvil + IPFS on 127.0.0.1)...");
                devnet = await Devnet.StartAsync(new DevnetOptions { StartChain = rpc is null, StartIpfs = ipfs is null }, cancellationToken);
                rpc ??= devnet.RpcUrl;
                ipfs ??= devnet.IpfsApiUrl;
            }
            var embedded = rpc is null ? new InProcessChain() : null;
            scratch = Directory.CreateTempSubdirectory("medibloc-health-report-").FullName;
            using var deployer = Secp256k1PrivateKey.FromHex(settings.DeployerKey ?? AnvilKey0);
            using var patientKey = Secp256k1PrivateKey.FromHex(settings.PatientKey ?? AnvilKey1);
            var deployment = embedded is not null
                ? await embedded.DeployMediBlocContractsAsync(deployer, cancellationToken)
                : await MediBlocClient.DeployContractsAsync(rpc!, deployer, cancellationToken: cancellationToken);
            output.WriteLine(embedded is not null
                ? $"1. An in-process chain (id {embedded.ChainId}) and a local content store; contracts deployed."
                : $"1. Chain {rpc}, content store {(ipfs is null ? "local" : ipfs.ToString())}; contracts deployed.");
            var client = new MediBlocClient(new MediBlocClientOptions
            {
                ChainClient = embedded?.CreateRpcClient(),
                ChainRpcUrl = rpc,
                IpfsApiUrl = ipfs,
                ContentStore = ipfs is null ? new LocalContentStore(Path.Combine(scratch, "store")) : null,
                Outbox = new FileRecordOutbox(Path.Combine(scratch, "outbox")),
            }.UseDeployment(deployment));

            #region Snippet:HealthReportFromMyRecords
            // The patient's records: each FHIR resource of the bundle sealed to the patient, stored, batch-anchored.
            PatientClient patient = client.GetPatientClient(patientKey);
            IReadOnlyList<PublishedRecord> published = await patient.PublishManyAsync(
                split.Resources.Select(r => new RecordToPublish(r.Json, FhirContentTypes.ResourceJson)), cancellationToken);

            // On the patient's device: open my records (decrypted and verified here) and build the report from them.
            var report = await patient.BuildHealthReportAsync(asOf, cancellationToken: cancellationToken);
            string html = HealthReportHtml.Render(report);     // one self-contained page, SVG charts inline
            string json = HealthReportJson.Serialize(report);  // medibloc.health-report/1
            #endregion
            output.WriteLine($"2. Published {published.Count} records from the bundle (one batch anchor, tx {published[0].TransactionHash}).");
            var opened = await patient.OpenMyRecordsAsync(cancellationToken: cancellationToken);
            output.WriteLine($"3. Opened {opened.Count} records on the patient's side and built the report as of {asOf:yyyy-MM-dd}: " +
                $"{report.CareGaps.Count} preventive-care items due, {report.Trends.Count} trends, {report.ActiveConditions.Count} active conditions, " +
                $"{report.ActiveMedications.Count} active medications, {report.Allergies.Count} allergies.");
            foreach (var gap in report.CareGaps)
            {
                output.WriteLine($"   due: {gap.Title} (last done {(gap.LastDone is { } last ? last.ToString("yyyy-MM-dd") : "never")}; {gap.RuleId})");
            }

            var folder = Path.GetFullPath(settings.OutputFolder ?? Directory.GetCurrentDirectory());
            Directory.CreateDirectory(folder);
            var htmlPath = Path.Combine(folder, "report.html");
            var jsonPath = Path.Combine(folder, "report.json");
            await WriteOwnerOnlyAsync(htmlPath, html, cancellationToken);
            await WriteOwnerOnlyAsync(jsonPath, json, cancellationToken);
            output.WriteLine($"4. Wrote {htmlPath} and {jsonPath} (readable by you only).");

            var fromBundle = HealthReportBuilder.Build([ParseBundle(bundleJson)], asOf);
            var result = new HealthReportResult(report, fromBundle, published.Count, opened.Count, htmlPath, jsonPath);
            output.WriteLine(result.MatchesBundle
                ? "5. The report from the records opened through the chain equals the report from the bundle file."
                : "5. MISMATCH: the report from the chain differs from the report from the bundle file.");
            return result;
        }
        finally
        {
            if (devnet is not null)
            {
                await devnet.DisposeAsync();
            }
            if (scratch is not null)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static Hl7.Fhir.Model.Resource ParseBundle(byte[] json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json);
        var deserializer = new Hl7.Fhir.Serialization.FhirJsonDeserializer(
            new Hl7.Fhir.Serialization.DeserializerSettings().UsingMode(Hl7.Fhir.Serialization.DeserializationMode.Recoverable));
        deserializer.TryDeserializeResource(ref reader, out var bundle, out _);
        return bundle ?? throw new InvalidFormatException("The bundle is not a FHIR R4 resource.");
    }

    /// <summary>Writes a file only its owner can read (mode 0600 on Unix), replacing an earlier report.</summary>
    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }
}
