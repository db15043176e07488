using System.Text;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Testing;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Roles.Provider;

namespace MediBloc.Samples.Quickstart;

/// <summary>
/// One health record's whole journey, told step by step: sealed on the patient's side, stored (on IPFS or the
/// device), anchored on an EVM chain (a node or an in-process one), shared with a provider, opened by the provider and verified against the chain —
/// and a tampered copy rejected. When it deploys the contracts itself, the story goes on through every role: a
/// certified doctor's audited read and provider-authored record, break-the-glass, a guardian until hand-over, a
/// researcher's paid request with per-record consent, a batch anchor, MED purchases, a key backup restored from
/// guardians' shares, and the audit trail.
/// </summary>
public static partial class QuickstartStory
{
    // anvil's first two dev keys (from its public test mnemonic): only for a local devnet.
    private const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string AnvilKey1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    /// <summary>A blood-pressure observation, as a patient's app would hold it (FHIR R4 JSON).</summary>
    public const string SampleRecord = """
        {"resourceType":"Observation","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel"}]},"subject":{"reference":"Patient/example"},"effectiveDateTime":"2026-11-25T09:30:00Z","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":118,"unit":"mmHg"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":76,"unit":"mmHg"}}]}
        """;

    /// <summary>Runs the story and writes each step to <paramref name="output"/>.</summary>
    /// <param name="settings">Where to run; empty settings use an in-process chain and a local content store.</param>
    /// <param name="output">Where the story is told.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The facts of the run.</returns>
    public static async Task<QuickstartResult> RunAsync(QuickstartSettings settings, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var steps = 0;
        var passed = 0;
        void Step(string title, string detail, bool ok = true)
        {
            steps++;
            if (ok)
            {
                passed++;
            }
            output.WriteLine($"{steps,2}. {(ok ? "ok  " : "FAIL")} {title}");
            if (detail.Length > 0)
            {
                output.WriteLine($"          {detail.Replace("\n", "\n          ", StringComparison.Ordinal)}");
            }
        }

        Devnet? devnet = null;
        string? scratch = null;
        try
        {
            var rpc = settings.RpcUrl;
            var ipfs = settings.IpfsUrl;
            InProcessChain? embedded = null;
            if (settings.StartDevnet && (rpc is null || ipfs is null))
            {
                output.WriteLine("Starting a local devnet (anvil + IPFS on 127.0.0.1; the first run installs it with npm)...");
                devnet = await Devnet.StartAsync(new DevnetOptions { StartChain = rpc is null, StartIpfs = ipfs is null }, cancellationToken);
                rpc ??= devnet.RpcUrl;
                ipfs ??= devnet.IpfsApiUrl;
            }
            if (rpc is null)
            {
                embedded = new InProcessChain();
            }
            if (ipfs is null || embedded is not null)
            {
                scratch = Directory.CreateTempSubdirectory("medibloc-quickstart-").FullName;
            }
            Step("Chain and content store",
                (embedded is not null ? $"an in-process EVM chain (chain id {embedded.ChainId}, no node, no socket)" : $"EVM JSON-RPC {rpc}") + "\n" +
                (ipfs is null ? $"a local content store in {scratch} (the device; no IPFS node)" : $"IPFS Kubo RPC {ipfs}") +
                (embedded is not null || ipfs is null ? "\n(--devnet starts anvil + IPFS; --rpc/--ipfs use your own nodes)" : string.Empty));

            using var deployer = Secp256k1PrivateKey.FromHex(settings.DeployerKey ?? AnvilKey0);
            using var patientKey = Secp256k1PrivateKey.FromHex(settings.PatientKey ?? AnvilKey1);
            using var providerKey = Secp256k1PrivateKey.Generate();

            var registry = settings.RegistryAddress;
            MediBlocDeployment? deployment = null;
            if (registry is null)
            {
                deployment = embedded is not null
                    ? await embedded.DeployMediBlocContractsAsync(deployer, cancellationToken)
                    : await MediBlocClient.DeployContractsAsync(rpc!, deployer, cancellationToken: cancellationToken);
                registry = deployment.RecordRegistryAddress.ToString();
                Step("Deployed the contracts (registry, grants, credentials, emergency, MED, MediPoints, quota, market, search index)",
                    $"record registry {registry} on chain {deployment.ChainId}");
            }

            MediBlocClient client;
            if (embedded is null && ipfs is not null && deployment is null)
            {
                client = ForNodes(rpc!, ipfs, registry);
            }
            else
            {
                var options = new MediBlocClientOptions
                {
                    ChainClient = embedded?.CreateRpcClient(),
                    ChainRpcUrl = rpc,
                    IpfsApiUrl = ipfs,
                    ContentStore = ipfs is null ? new LocalContentStore(Path.Combine(scratch!, "store")) : null,
                    Outbox = scratch is null ? null : new FileRecordOutbox(Path.Combine(scratch, "outbox")),
                    RecordRegistryAddress = registry,
                };
                client = new MediBlocClient(deployment is null ? options : options.UseDeployment(deployment));
            }

            #region Snippet:QuickstartPublishAndOpen
            // The patient seals the record to themselves and to the provider, stores it, anchors it.
            PatientClient patient = client.GetPatientClient(patientKey);
            PublishedRecord published = await patient.PublishAsync(
                Encoding.UTF8.GetBytes(SampleRecord), "application/fhir+json",
                shareWith: [providerKey.PublicKey], cancellationToken: cancellationToken);

            // The provider fetches it by CID, checks the CID, decrypts, and finds its commitment on chain.
            ProviderClient provider = client.GetProviderClient(providerKey);
            OpenedRecord opened = await provider.OpenAsync(published.Cid, cancellationToken);
            #endregion

            Step("Patient sealed the record (AES-256-GCM, data key wrapped for patient and provider)",
                $"patient {patient.Address}, provider {provider.Address}\n{published.EnvelopeLength} bytes sealed, commitment {published.Commitment}");
            Step(ipfs is null ? "Stored the envelope in the local content store" : "Stored the envelope on IPFS", $"CID {published.Cid}");
            Step("Anchored the commitment on chain",
                $"tx {published.TransactionHash}\nblock {published.BlockNumber}, gas used {published.GasUsed}");

            var sameContent = opened.Content.Span.SequenceEqual(Encoding.UTF8.GetBytes(SampleRecord));
            var sameAnchor = opened.Commitment == published.Commitment
                && opened.Owner == published.Owner;
            Step("Provider opened the record: CID checked, data key unwrapped, decrypted",
                $"{opened.Content.Length} bytes of {opened.ContentType}, identical to what the patient sealed: {sameContent}", sameContent);
            Step("Provider recomputed the commitment and found it on chain",
                $"anchored by {opened.Owner} at {opened.AnchoredAt:u}", sameAnchor);

            // A copy with one byte changed must be rejected, naming what failed.
            var tamperDetected = false;
            var tampered = await ReadAllAsync(client.ContentStore, published.Cid, cancellationToken);
            tampered[tampered.Length / 2] ^= 0x01;
            var tamperedCid = await client.ContentStore.PutAsync(new MemoryStream(tampered), cancellationToken);
            try
            {
                await provider.OpenAsync(tamperedCid, cancellationToken);
            }
            catch (IntegrityException ex)
            {
                tamperDetected = true;
                Step("A copy with one byte changed was rejected", $"IntegrityException, check failed: {ex.Check}");
            }
            if (!tamperDetected)
            {
                Step("A copy with one byte changed was rejected", "it was accepted", ok: false);
            }

            if (deployment is not null)
            {
                output.WriteLine();
                output.WriteLine("The rest of the record: providers, emergency, guardian, research, batches, MED, backup, audit.");
                var account = new Nethereum.Web3.Accounts.Account(settings.DeployerKey ?? AnvilKey0, deployment.ChainId);
                var deployerConnection = embedded is not null
                    ? new Sdk.Contracts.ChainConnection(embedded.CreateRpcClient(), account)
                    : new Sdk.Contracts.ChainConnection(rpc!, account);
                var web3 = embedded is not null ? new Nethereum.Web3.Web3(account, embedded.CreateRpcClient()) : new Nethereum.Web3.Web3(account, rpc!.ToString());
                await RunRolesAsync(
                    new Stage(client, deployment, deployerConnection, deployer, patientKey, published.AnchoredAt, web3),
                    (title, detail, ok) => Step(title, detail, ok),
                    cancellationToken);
            }

            var verified = sameContent && sameAnchor && tamperDetected && passed == steps;
            output.WriteLine();
            output.WriteLine(verified
                ? (deployment is not null
                    ? $"Verdict: VERIFIED — all {steps} steps passed: every reader got exactly what the patient sealed, every refusal was typed, and the chain vouches for it."
                    : "Verdict: VERIFIED — the provider read exactly what the patient sealed, and the chain vouches for it.")
                : "Verdict: NOT VERIFIED — see the failed steps above.");
            return new QuickstartResult(verified, published.Cid.ToString(), published.TransactionHash, published.GasUsed,
                published.BlockNumber, published.Commitment.ToString(), registry, tamperDetected, passed, steps, devnet is not null,
                embedded is not null ? "embedded" : rpc!.ToString(), ipfs is null ? "local" : ipfs.ToString());
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

    private static MediBlocClient ForNodes(Uri rpc, Uri ipfs, string registry)
    {
        #region Snippet:ClientForNodes
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainRpcUrl = rpc,                  // any EVM JSON-RPC endpoint
            IpfsApiUrl = ipfs,                  // any node with the Kubo RPC API
            RecordRegistryAddress = registry,   // from MediBlocClient.DeployContractsAsync
        });
        #endregion
        return client;
    }

    private static async Task<byte[]> ReadAllAsync(IContentStore store, ContentId cid, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(cid, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
