using System.Text;
using MediBloc.Fuzz.Targets;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Batches;

namespace MediBloc.Fuzz;

/// <summary>
/// Writes the seed corpus: for every target, a few small inputs produced by the SDK itself (sealed envelopes, CIDs,
/// blocks, keystores, manifests, outbox files), so AFL++ starts from what real peers send.
/// </summary>
internal static class Seeds
{
    private const string Observation = """{"resourceType":"Observation","id":"bp","status":"final","code":{"text":"Blood pressure"},"subject":{"reference":"urn:uuid:9b1f6a3e-0000-4000-8000-000000000001"}}""";

    public static void Write(string directory)
    {
        foreach (var (target, name, bytes) in All())
        {
            var folder = Path.Combine(directory, target);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }

    private static IEnumerable<(string Target, string Name, byte[] Bytes)> All()
    {
        var plaintext = Encoding.UTF8.GetBytes(Observation);
        var long3 = Enumerable.Range(0, 2500).Select(i => (byte)('a' + (i % 26))).ToArray();
        var small = new RecordEnvelopeOptions { SegmentSize = RecordEnvelopeOptions.MinSegmentSize };
        var envelopes = new (string Name, byte[] Bytes)[]
        {
            ("secp256k1-one-recipient", RecordEnvelope.Seal(plaintext, "application/fhir+json", [FuzzKeys.Account.PublicKey]).Envelope.ToArray()),
            ("secp256k1-two-recipients", RecordEnvelope.Seal(plaintext, "application/fhir+json", [FuzzKeys.Stranger.PublicKey, FuzzKeys.Account.PublicKey]).Envelope.ToArray()),
            ("x25519-one-recipient", RecordEnvelope.Seal(plaintext, "application/fhir+json", [FuzzKeys.Agreement.PublicKey]).Envelope.ToArray()),
            ("x25519-three-segments", RecordEnvelope.Seal(long3, "text/plain", [FuzzKeys.StrangerAgreement.PublicKey, FuzzKeys.Agreement.PublicKey], small).Envelope.ToArray()),
            ("secp256k1-empty", RecordEnvelope.Seal([], "application/octet-stream", [FuzzKeys.Account.PublicKey]).Envelope.ToArray()),
        };
        foreach (var target in new[] { "envelope-open", "envelope-open-stream", "envelope-header" })
        {
            foreach (var (name, bytes) in envelopes)
            {
                yield return (target, name, bytes);
            }
        }

        var v0 = UnixFsBuilder.Compute(plaintext);
        var v1 = UnixFsBuilder.Compute(plaintext, UnixFsOptions.CidV1RawLeaves);
        var raw = new ContentId(1, ContentCodec.Raw, Multihash.Sha2_256(plaintext));
        foreach (var (name, cid) in new[] { ("v0", v0), ("v1-dag-pb", v1), ("v1-raw", raw) })
        {
            yield return ("cid-text", name + "-base58", Encoding.UTF8.GetBytes(cid.ToString()));
            yield return ("cid-binary", name, cid.ToBytes());
            yield return ("multihash", name, cid.Multihash.ToBytes());
        }
        yield return ("cid-text", "v1-base32", Encoding.UTF8.GetBytes(raw.ToString(MultibaseEncoding.Base32)));
        yield return ("multihash", "identity", Multihash.Identity([1, 2, 3, 4]).ToBytes());
        yield return ("multibase", "base58btc", Encoding.UTF8.GetBytes(Multibase.Encode(plaintext.AsSpan(0, 40), MultibaseEncoding.Base58Btc)));
        yield return ("multibase", "base32", Encoding.UTF8.GetBytes(Multibase.Encode(plaintext.AsSpan(0, 40), MultibaseEncoding.Base32)));
        foreach (var value in new ulong[] { 0, 127, 128, 300, 1UL << 35, ulong.MaxValue })
        {
            var buffer = new byte[10];
            yield return ("varint", value.ToString(System.Globalization.CultureInfo.InvariantCulture), buffer[..Varint.Write(buffer, value)]);
        }

        var blocks = new List<byte[]>();
        var builder = new UnixFsBuilder(new UnixFsOptions { ChunkSize = 1024 }, (_, block) => blocks.Add(block.ToArray()));
        builder.Append(long3);
        builder.Complete();
        yield return ("dag-pb", "root-with-links", blocks[^1]);
        yield return ("dag-pb", "leaf", blocks[0]);

        yield return ("keystore-json", "scrypt", Encoding.UTF8.GetBytes(Web3KeyStore.Encrypt(FuzzKeys.Account, DocumentTargets.KeyStorePassword, new KeyStoreOptions { ScryptN = 1 << 10, ScryptR = 1 })));
        yield return ("keystore-json", "pbkdf2", Encoding.UTF8.GetBytes(Web3KeyStore.Encrypt(FuzzKeys.Account, DocumentTargets.KeyStorePassword, new KeyStoreOptions { Kdf = KeyStoreKdf.Pbkdf2, Pbkdf2Iterations = 1000 })));

        var commitment = "0x" + new string('a', 64);
        yield return ("share-manifest", "one-record", new ShareManifest(1, "0x" + new string('1', 64), "0x00000000000000000000000000000000000000a1", "TREAT", 1_900_000_000,
            [new SharedRecord(Commitment.Parse(commitment), ContentId.Parse(v0.ToString()), "application/fhir+json")]).ToBytes());
        var batch = RecordBatch.Create(Enumerable.Range(1, 3).Select(i => new BatchRecord(new Commitment(Enumerable.Repeat((byte)i, 32).ToArray()), v0.ToString(), "application/fhir+json")));
        yield return ("batch-manifest", "three-records", BatchManifest.From(batch).ToBytes());

        yield return ("outbox-entry", "pending-record", OutboxEntryFile(commitment));
        yield return ("fhir-split", "transaction", Encoding.UTF8.GetBytes(Bundle));

        foreach (var (name, bytes) in KuboResponses())
        {
            yield return ("kubo-json", name, bytes);
        }

        foreach (var seed in KeyEscrowSeeds(ContentId.Parse(v0.ToString())))
        {
            yield return seed;
        }
    }

    private static IEnumerable<(string Target, string Name, byte[] Bytes)> KeyEscrowSeeds(ContentId profileCid)
    {
        using var escrow = Secp256k1PrivateKey.Generate();
        var patient = FuzzKeys.Stranger.Address;
        var profile = RecordId.Parse("0x" + new string('7', 64));
        var shares = GuardianShares.Split(escrow, 2, 2);
        var sealedShares = new[]
        {
            Sdk.KeyEscrow.ReleaseShares.Seal(shares[0], patient, profile, FuzzKeys.Account.PublicKey),
            Sdk.KeyEscrow.ReleaseShares.Seal(shares[1], patient, profile, FuzzKeys.Stranger.PublicKey),
        };
        var manifest = new Sdk.KeyEscrow.ReleaseManifest(patient, profile, profileCid, escrow.Address, 2,
        [
            new(new Sdk.KeyEscrow.KeyReleaseService(new Uri("http://127.0.0.1:8301/"), FuzzKeys.Account.PublicKey), sealedShares[0]),
            new(new Sdk.KeyEscrow.KeyReleaseService(new Uri("https://release.example/"), FuzzKeys.Stranger.PublicKey), sealedShares[1]),
        ]);
        yield return ("release-manifest", "two-services", manifest.ToJson());
        yield return ("key-release-request", "signed", Sdk.KeyEscrow.KeyReleaseRequest.Create(patient, "0x" + new string('a', 64), 12, sealedShares[0], FuzzKeys.Stranger).ToJson());
        yield return ("release-share", "sealed-to-account", sealedShares[0]);
    }

    private static byte[] OutboxEntryFile(string commitment)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"medibloc-fuzz-seed-{Environment.ProcessId}");
        try
        {
            var outbox = new FileRecordOutbox(folder);
            var record = new PendingRecord(EvmAddress.Parse(DocumentTargets.OutboxOwner), Commitment.Parse(commitment), "application/fhir+json", 31337, EvmAddress.Parse("0x00000000000000000000000000000000000000c0"), 3, DateTimeOffset.UnixEpoch);
            outbox.SaveAsync(record, new byte[] { 1, 2, 3 }).GetAwaiter().GetResult();
            return File.ReadAllBytes(Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Single());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<(string Name, byte[] Bytes)> KuboResponses()
    {
        const string Cid = "QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR";
        // First byte: the command (KuboTargets.Commands); second: 2 = HTTP 200, 0 = 500.
        (string, byte, byte, string)[] responses =
        [
            ("version", 0, 2, """{"Version":"0.32.1","Commit":"","Repo":"16","System":"amd64/linux","Golang":"go1.23"}"""),
            ("id", 1, 2, """{"ID":"12D3KooWQ","PublicKey":"CAESI","Addresses":["/ip4/127.0.0.1/tcp/4001"],"AgentVersion":"js-ipfs","ProtocolVersion":"ipfs/0.1.0"}"""),
            ("block-stat", 2, 2, $$"""{"Key":"{{Cid}}","Size":11}"""),
            ("dag-stat", 3, 2, """{"Size":11,"NumBlocks":1,"TotalSize":11,"DagStats":[{"Cid":{"/":""" + "\"" + Cid + "\"" + """},"Size":11,"NumBlocks":1}]}"""),
            ("pin-ls", 4, 2, """{"Keys":{""" + "\"" + Cid + "\"" + """:{"Type":"recursive"}}}"""),
            ("add", 5, 2, $$"""{"Name":"{{Cid}}","Hash":"{{Cid}}","Size":"11"}""" + "\n"),
            ("block-get", 6, 2, "hello world"),
            ("block-put", 7, 2, $$"""{"Key":"{{Cid}}","Size":3}"""),
            ("add-many", 8, 2, $$"""{"Name":"a","Hash":"{{Cid}}","Size":"9"}""" + "\n" + $$"""{"Name":"b","Hash":"{{Cid}}","Size":"9"}""" + "\n"),
            ("cat", 9, 2, "hello world"),
            ("error", 2, 0, """{"Message":"block was not found locally (offline): ipld: could not find","Code":0,"Type":"error"}"""),
        ];
        foreach (var (name, command, status, body) in responses)
        {
            yield return (name, [command, status, .. Encoding.UTF8.GetBytes(body)]);
        }
    }

    private const string Bundle = """
        {"resourceType":"Bundle","type":"transaction","entry":[
        {"fullUrl":"urn:uuid:9b1f6a3e-0000-4000-8000-000000000001","resource":{"resourceType":"Patient","id":"p1","name":[{"family":"Doe","given":["Jan"]}],"birthDate":"1980-01-01"},"request":{"method":"POST","url":"Patient"}},
        {"fullUrl":"urn:uuid:9b1f6a3e-0000-4000-8000-000000000002","resource":{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"urn:uuid:9b1f6a3e-0000-4000-8000-000000000001"},"valueQuantity":{"value":72,"unit":"/min"}},"request":{"method":"POST","url":"Observation"}}
        ]}
        """;
}
