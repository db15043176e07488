using System.Text;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Fuzz.Targets;

/// <summary>JSON documents that come from outside: keystores, manifests, outbox entry files and FHIR bundles.</summary>
internal static class DocumentTargets
{
    /// <summary>The password the seed keystores are encrypted with.</summary>
    public const string KeyStorePassword = "fuzz-password";

    /// <summary>The owner folder the outbox target writes its entry under.</summary>
    public const string OutboxOwner = "0x00000000000000000000000000000000000000f0";

    private static readonly Lazy<string> OutboxRoot = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), $"medibloc-fuzz-outbox-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(root, OutboxOwner));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        return root;
    });

    public static IEnumerable<FuzzTarget> All =>
    [
        new("keystore-json", "Web3 Secret Storage v3 JSON: parsing, bounds, and decryption when the KDF is cheap", KeyStoreJson),
        new("share-manifest", "the share manifest a grantee reads", ShareManifestJson),
        new("batch-manifest", "the public batch manifest every reader can fetch", BatchManifestJson),
        new("outbox-entry", "an outbox entry file on disk, listed as a pending record", OutboxEntry),
        new("fhir-split", "FhirBundleSplitter.Split over a FHIR R4 Bundle", FhirSplit),
        new("open-mhealth", "OpenMHealthImporter.Read over an Open mHealth device export, mapped to Observations", OpenMHealth),
        new("apple-health", "AppleHealthImporter.Read over an Apple Health export.xml, mapped to Observations", AppleHealth),
    ];

    private static void KeyStoreJson(byte[] input)
    {
        var json = Encoding.UTF8.GetString(input);
        FuzzTarget.Expect(() => Web3KeyStore.ReadAddress(json));
        FuzzTarget.Expect(() =>
        {
            var file = KeyStoreFile.Parse(json);
            var cheap = file.Kdf == KeyStoreKdf.Scrypt ? (long)file.ScryptN * file.ScryptR * file.ScryptP <= 1 << 12 : file.Iterations <= 4096;
            if (cheap)
            {
                Web3KeyStore.Decrypt(json, KeyStorePassword);
            }
        });
    }

    private static void ShareManifestJson(byte[] input)
    {
        var manifest = ShareManifest.TryParse(input);
        if (manifest is not null)
        {
            FuzzTarget.Check(manifest.Records is not null, "a share manifest without records was accepted");
            FuzzTarget.Check(ShareManifest.TryParse(manifest.ToBytes()) is not null, "an accepted share manifest does not round-trip");
        }
    }

    private static void BatchManifestJson(byte[] input)
    {
        var batch = BatchManifest.TryBuild(input);
        if (batch is not null)
        {
            var again = BatchManifest.TryBuild(BatchManifest.From(batch).ToBytes());
            FuzzTarget.Check(again is not null && again.Root == batch.Root, "an accepted batch manifest does not rebuild the same tree");
        }
    }

    private static void OutboxEntry(byte[] input)
    {
        var folder = Path.Combine(OutboxRoot.Value, OutboxOwner);
        File.WriteAllBytes(Path.Combine(folder, "0xfe.json"), input);
        File.WriteAllBytes(Path.Combine(folder, "0xfe.envelope"), [1, 2, 3]);
        FuzzTarget.Expect(() =>
        {
            var outbox = new FileRecordOutbox(OutboxRoot.Value);
            var listed = outbox.ListAsync(EvmAddress.Parse(OutboxOwner)).ToBlockingEnumerable().ToList();
            foreach (var entry in listed)
            {
                FuzzTarget.Check(entry.Owner != default && entry.Commitment != default && entry.ContentType is not null && entry.RegistryAddress != default,
                    "the outbox listed an entry with a missing field");
            }
        });
    }

    private static void FhirSplit(byte[] input) => FuzzTarget.Expect(() =>
    {
        var split = FhirBundleSplitter.Split(input);
        var resources = split.Resources.Select(r => r.Json).ToList();
        FuzzTarget.Check(FhirBundleAssembler.Assemble(split.Layout, resources).AsSpan().SequenceEqual(input), "split and assembled, the bundle is not byte-equal");
        var layout = FhirBundleLayout.FromJson(split.Layout.ToJson());
        FuzzTarget.Check(FhirBundleAssembler.Assemble(layout, resources).AsSpan().SequenceEqual(input), "through its layout's JSON, the bundle is not byte-equal");
    });

    private static void OpenMHealth(byte[] input) => FuzzTarget.Expect(() =>
    {
        var readings = OpenMHealthImporter.Read(input);
        FuzzTarget.Check(readings.All(r => r.Value >= 0 && (r.Diastolic is null or >= 0)), "a reading has a negative value");
        var observations = DeviceObservationMapper.ToObservations(readings, "Patient/fuzz");
        FuzzTarget.Check(observations.Count == readings.Count, "not one Observation per reading");
    });

    private static void AppleHealth(byte[] input) => FuzzTarget.Expect(() =>
    {
        using var stream = new MemoryStream(input);
        var readings = AppleHealthImporter.Read(stream);
        FuzzTarget.Check(readings.All(r => r.Value >= 0 && (r.Diastolic is null or >= 0)), "a reading has a negative value");
        FuzzTarget.Check(DeviceObservationMapper.ToObservations(readings, "Patient/fuzz").Count == readings.Count, "not one Observation per reading");
    });
}
