using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Cli.Commands;

/// <summary>Where <c>medibloc fhir</c> publishes: real nodes, or (all null) an embedded chain and a local store.</summary>
internal sealed record FhirIngestionTarget(Uri? Rpc, Uri? Ipfs, string? Registry, string? PatientKeyHex)
{
    public static FhirIngestionTarget EmbeddedTarget { get; } = new(null, null, null, null);
}

/// <summary>What one ingest and round trip did.</summary>
internal sealed record FhirIngestionResult(
    bool Embedded,
    long? ChainId,
    string ChainDescription,
    string StoreDescription,
    string Patient,
    string Provider,
    IReadOnlyDictionary<string, int> Counts,
    int RecordsPublished,
    bool RoundTripEqual,
    bool ByteEqual,
    byte[] Reassembled)
{
    public Dictionary<string, object> ToJsonObject() => new(StringComparer.Ordinal)
    {
        ["resourceCounts"] = Counts,
        ["resources"] = Counts.Values.Sum(),
        ["recordsPublished"] = RecordsPublished,
        ["roundTripEqual"] = RoundTripEqual,
        ["byteEqual"] = ByteEqual,
        ["chain"] = Embedded ? "embedded" : ChainDescription,
        ["store"] = Embedded ? "local" : StoreDescription,
        ["chainId"] = ChainId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown",
        ["patient"] = Patient,
        ["provider"] = Provider,
    };
}

/// <summary>Publishes a bundle as a patient, reopens it as a provider and compares.</summary>
internal static class FhirIngestion
{
    public static async Task<FhirIngestionResult> RunAsync(string bundlePath, FhirIngestionTarget target, CancellationToken cancellationToken)
    {
        if (!File.Exists(bundlePath))
        {
            throw new UsageException($"The bundle {bundlePath} does not exist.");
        }

        var input = await File.ReadAllBytesAsync(bundlePath, cancellationToken).ConfigureAwait(false);
        var temporary = Directory.CreateTempSubdirectory("medibloc-fhir-");
        try
        {
            MediBlocClientOptions options;
            Secp256k1PrivateKey patientKey;
            long? chainId = null;
            if (target.Rpc is null)
            {
                var chain = new InProcessChain();
                var deployment = await chain.DeployMediBlocContractsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
                chainId = chain.ChainId;
                options = new MediBlocClientOptions
                {
                    ChainClient = chain.CreateRpcClient(),
                    RecordRegistryAddress = deployment.RecordRegistryAddress.ToString(),
                    ContentStore = new LocalContentStore(Path.Combine(temporary.FullName, "store")),
                    Outbox = new InMemoryRecordOutbox(),
                };
            }
            else
            {
                patientKey = Secp256k1PrivateKey.FromHex(target.PatientKeyHex!);
                var registry = target.Registry;
                if (registry is null)
                {
                    var deployment = await MediBlocClient.DeployContractsAsync(target.Rpc, patientKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                    registry = deployment.RecordRegistryAddress.ToString();
                    chainId = deployment.ChainId;
                }

                options = new MediBlocClientOptions
                {
                    ChainRpcUrl = target.Rpc,
                    IpfsApiUrl = target.Ipfs,
                    RecordRegistryAddress = registry,
                    Outbox = new FileRecordOutbox(Path.Combine(temporary.FullName, "outbox")),
                };
            }

            using (patientKey)
            using (var providerKey = Secp256k1PrivateKey.Generate())
            {
                var client = new MediBlocClient(options);
                var publisher = new FhirBundlePublisher(client);
                var published = await publisher.PublishAsync(patientKey, input, [providerKey.PublicKey], cancellationToken: cancellationToken).ConfigureAwait(false);
                var output = await publisher.OpenAsync(providerKey, published.Layout.Cid, published.Resources.Select(r => r.Cid).ToArray(), cancellationToken).ConfigureAwait(false);
                return new FhirIngestionResult(
                    target.Rpc is null,
                    chainId,
                    target.Rpc?.ToString() ?? "embedded",
                    target.Ipfs?.ToString() ?? "local",
                    patientKey.Address.ToString(),
                    providerKey.Address.ToString(),
                    published.CountByResourceType(),
                    published.RecordCount,
                    FhirCanonicalJson.AreEqual(input, output),
                    input.AsSpan().SequenceEqual(output),
                    output);
            }
        }
        finally
        {
            try
            {
                temporary.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; the result stands.
            }
        }
    }

}
