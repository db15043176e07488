using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// A provider's request to a key-release service (<c>POST /release</c>, JSON): the patient, the break-the-glass
/// transaction, the sealed share addressed to that service, and the provider's signature over all of it. The service
/// recovers the provider's public key from the signature and seals the released share to that key only, so a copied
/// request releases nothing to anyone else.
/// </summary>
public sealed class KeyReleaseRequest
{
    /// <summary>The largest request body a service reads, in bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    private const string Domain = "MediBloc key release v1";

    private KeyReleaseRequest(EvmAddress patient, string transactionHash, long blockNumber, byte[] sealedShare, EcdsaSignature signature)
    {
        Patient = patient;
        TransactionHash = transactionHash;
        BlockNumber = blockNumber;
        SealedShare = sealedShare;
        Signature = signature;
    }

    /// <summary>The patient whose vital-info profile the provider opens.</summary>
    public EvmAddress Patient { get; }

    /// <summary>The provider's break-the-glass transaction (0x-hex, 32 bytes).</summary>
    public string TransactionHash { get; }

    /// <summary>The block that holds it.</summary>
    public long BlockNumber { get; }

    /// <summary>The share sealed to the service (from the profile's key-release manifest).</summary>
    public ReadOnlyMemory<byte> SealedShare { get; }

    /// <summary>The provider's signature (EIP-191 personal message) over <see cref="SigningPayload"/>.</summary>
    public EcdsaSignature Signature { get; }

    /// <summary>Builds and signs a request.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="transactionHash">The break-the-glass transaction.</param>
    /// <param name="blockNumber">Its block.</param>
    /// <param name="sealedShare">The share sealed to the service asked.</param>
    /// <param name="provider">The provider's key, the one that broke the glass.</param>
    /// <returns>The signed request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="transactionHash"/> is not 0x and 64 hex digits, or <paramref name="blockNumber"/> is negative.</exception>
    public static KeyReleaseRequest Create(EvmAddress patient, string transactionHash, long blockNumber, ReadOnlyMemory<byte> sealedShare, Secp256k1PrivateKey provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var hash = CheckHash(transactionHash) ?? throw new ArgumentException("The transaction hash must be 0x and 64 hex digits.", nameof(transactionHash));
        ArgumentOutOfRangeException.ThrowIfNegative(blockNumber);
        var share = sealedShare.ToArray();
        var signature = PersonalMessage.Sign(SigningPayload(patient, hash, blockNumber, share), provider);
        return new KeyReleaseRequest(patient, hash, blockNumber, share, signature);
    }

    /// <summary>The bytes the provider signs: the domain, the patient, the transaction, the block and the SHA-256 of the sealed share, one per line.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="transactionHash">The break-the-glass transaction (lower-case 0x-hex).</param>
    /// <param name="blockNumber">Its block.</param>
    /// <param name="sealedShare">The sealed share.</param>
    /// <returns>The payload (UTF-8 text).</returns>
    public static byte[] SigningPayload(EvmAddress patient, string transactionHash, long blockNumber, ReadOnlySpan<byte> sealedShare) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{Domain}\npatient:{patient}\ntransaction:{transactionHash}\nblock:{blockNumber}\nshare:{Convert.ToHexString(SHA256.HashData(sealedShare)).ToLowerInvariant()}"));

    /// <summary>The public key that signed the request: the requester.</summary>
    /// <returns>The public key.</returns>
    /// <exception cref="AccessDeniedException">The signature recovers no key (code <see cref="KeyReleaseCodes.BadSignature"/>).</exception>
    public Secp256k1PublicKey RecoverRequester()
    {
        try
        {
            var hash = PersonalMessage.Hash(SigningPayload(Patient, TransactionHash, BlockNumber, SealedShare.Span));
            return Secp256k1Ecdsa.RecoverPublicKey(hash, Signature);
        }
        catch (Exception ex) when (ex is MediBlocException or ArgumentException or InvalidOperationException)
        {
            throw new AccessDeniedException("The key-release request's signature recovers no key.", KeyReleaseCodes.BadSignature, ex);
        }
    }

    /// <summary>The request as JSON: <c>patient</c>, <c>transactionHash</c>, <c>blockNumber</c>, <c>sealedShare</c> (base64), <c>signature</c> (0x-hex r‖s‖v).</summary>
    /// <returns>The UTF-8 JSON.</returns>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("patient", Patient.ToString());
            writer.WriteString("transactionHash", TransactionHash);
            writer.WriteNumber("blockNumber", BlockNumber);
            writer.WriteBase64String("sealedShare", SealedShare.Span);
            writer.WriteString("signature", "0x" + Convert.ToHexString(Signature.ToRsv()).ToLowerInvariant());
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Parses a request's JSON (text from a stranger: sizes and formats checked, nothing trusted).</summary>
    /// <param name="json">The UTF-8 JSON, at most <see cref="MaxBytes"/>.</param>
    /// <returns>The request; its signature is not verified yet (<see cref="RecoverRequester"/>).</returns>
    /// <exception cref="InvalidFormatException">The body is too large, not JSON, or a field is missing or malformed (the message names the field).</exception>
    public static KeyReleaseRequest Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw new InvalidFormatException($"The key-release request exceeds {MaxBytes} bytes.");
        }
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidFormatException("The key-release request is not a JSON object.");
            }
            var patient = EvmAddress.TryParse(Text(root, "patient"), out var p) ? p : throw Field("patient");
            var hash = CheckHash(Text(root, "transactionHash")) ?? throw Field("transactionHash");
            var block = root.TryGetProperty("blockNumber", out var b) && b.ValueKind == JsonValueKind.Number && b.TryGetInt64(out var n) && n >= 0 ? n : throw Field("blockNumber");
            var share = root.TryGetProperty("sealedShare", out var s) && s.ValueKind == JsonValueKind.String && s.TryGetBytesFromBase64(out var bytes) && bytes.Length > 0 ? bytes : throw Field("sealedShare");
            EcdsaSignature signature;
            try
            {
                signature = EcdsaSignature.FromRsvHex(Text(root, "signature") ?? throw Field("signature"));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidFormatException)
            {
                throw Field("signature");
            }
            return new KeyReleaseRequest(patient, hash, block, share, signature);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidFormatException("The key-release request is not valid JSON (or holds text that is not UTF-8).", ex);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static InvalidFormatException Field(string name) => new($"The key-release request's '{name}' is missing or malformed.");

    private static string? CheckHash(string? hash) =>
        hash is { Length: 66 } && hash.StartsWith("0x", StringComparison.Ordinal) && hash.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF") is false
            ? hash.ToLowerInvariant()
            : null;
}
