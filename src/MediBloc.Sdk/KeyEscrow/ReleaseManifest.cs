using System.Text.Json;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// The key-release manifest of a vital-info profile, stored in the content store and named on chain: which record it
/// opens, the escrow key's address, the threshold, and per service its endpoint, public key and sealed share.
/// Public data: it holds no key material anyone but the services can use.
/// </summary>
internal sealed record ReleaseManifest(
    EvmAddress Patient,
    RecordId Profile,
    ContentId ProfileCid,
    EvmAddress Escrow,
    int Threshold,
    IReadOnlyList<ReleaseManifest.Entry> Services)
{
    /// <summary>The largest manifest read, in bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    private const int Version = 1;

    /// <summary>One service: where it answers, its key, and its sealed share.</summary>
    public sealed record Entry(KeyReleaseService Service, byte[] SealedShare);

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteString("patient", Patient.ToString());
            writer.WriteString("profile", Profile.ToString());
            writer.WriteString("profileCid", ProfileCid.ToString());
            writer.WriteString("escrow", Escrow.ToString());
            writer.WriteNumber("threshold", Threshold);
            writer.WriteStartArray("services");
            foreach (var entry in Services)
            {
                writer.WriteStartObject();
                writer.WriteString("endpoint", entry.Service.Endpoint.AbsoluteUri);
                writer.WriteString("publicKey", entry.Service.PublicKey.ToString());
                writer.WriteBase64String("sealedShare", entry.SealedShare);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Parses a manifest fetched from the content store (bytes a stranger may control).</summary>
    /// <exception cref="InvalidFormatException">The manifest is malformed; the message names the field.</exception>
    public static ReleaseManifest Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw new InvalidFormatException($"The key-release manifest exceeds {MaxBytes} bytes.");
        }
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Number(root, "version") != Version)
            {
                throw new InvalidFormatException("The key-release manifest is not a version-1 manifest object.");
            }
            var patient = EvmAddress.TryParse(Text(root, "patient"), out var p) ? p : throw Field("patient");
            var profile = RecordId.TryParse(Text(root, "profile"), out var r) ? r : throw Field("profile");
            var profileCid = ContentId.TryParse(Text(root, "profileCid"), out var c) ? c : throw Field("profileCid");
            var escrow = EvmAddress.TryParse(Text(root, "escrow"), out var e) ? e : throw Field("escrow");
            var threshold = Number(root, "threshold") ?? throw Field("threshold");
            if (!root.TryGetProperty("services", out var list) || list.ValueKind != JsonValueKind.Array
                || list.GetArrayLength() < 2 || list.GetArrayLength() > EmergencyReleaseOptions.MaxServices)
            {
                throw Field("services");
            }
            var services = new List<Entry>();
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"services[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Field(at);
                }
                var endpoint = Uri.TryCreate(Text(item, "endpoint"), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u : throw Field(at + ".endpoint");
                Secp256k1PublicKey key;
                try
                {
                    key = Secp256k1PublicKey.FromHex(Text(item, "publicKey") ?? throw Field(at + ".publicKey"));
                }
                catch (InvalidFormatException ex)
                {
                    throw new InvalidFormatException($"The key-release manifest's '{at}.publicKey' is not a secp256k1 public key.", ex);
                }
                var share = item.TryGetProperty("sealedShare", out var s) && s.ValueKind == JsonValueKind.String && s.TryGetBytesFromBase64(out var bytes) && bytes.Length > 0 ? bytes : throw Field(at + ".sealedShare");
                services.Add(new Entry(new KeyReleaseService(endpoint, key), share));
            }
            if (threshold < 2 || threshold > services.Count)
            {
                throw Field("threshold");
            }
            return new ReleaseManifest(patient, profile, profileCid, escrow, threshold, services);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidFormatException("The key-release manifest is not valid JSON (or holds text that is not UTF-8).", ex);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static InvalidFormatException Field(string name) => new($"The key-release manifest's '{name}' is missing or malformed.");
}
