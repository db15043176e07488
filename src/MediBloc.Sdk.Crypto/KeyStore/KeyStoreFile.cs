using System.Text.Json;
using MediBloc.Sdk.Crypto.Internal;

namespace MediBloc.Sdk.Crypto;

/// <summary>The parsed, bounds-checked fields of a keystore v3 document.</summary>
internal sealed record KeyStoreFile(
    KeyStoreKdf Kdf, byte[] Salt, int ScryptN, int ScryptR, int ScryptP, int Iterations, byte[] Iv, byte[] Ciphertext, byte[] Mac, EvmAddress? Address)
{
    internal static KeyStoreFile Parse(string json)
    {
        if (json.Length > Web3KeyStore.MaxFileSize)
        {
            throw Invalid($"the file is larger than {Web3KeyStore.MaxFileSize} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new InvalidFormatException("The keystore is not valid JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetRawText() != "3")
            {
                throw Invalid("only version 3 keystores are read");
            }

            // Some writers (old MyEtherWallet) spell the section "Crypto".
            var crypto = Property(root, "crypto", JsonValueKind.Object, optional: true) ?? Property(root, "Crypto", JsonValueKind.Object)!.Value;
            if (Text(crypto, "cipher") != "aes-128-ctr")
            {
                throw Invalid("the cipher must be aes-128-ctr");
            }

            var iv = Hex(Property(crypto, "cipherparams", JsonValueKind.Object)!.Value, "iv");
            var ciphertext = Hex(crypto, "ciphertext");
            var mac = Hex(crypto, "mac");
            if (iv.Length != 16 || ciphertext.Length != 32 || mac.Length != 32)
            {
                throw Invalid("the IV must be 16 bytes, the ciphertext 32 and the MAC 32");
            }

            var kdfParams = Property(crypto, "kdfparams", JsonValueKind.Object)!.Value;
            var salt = Hex(kdfParams, "salt");
            if (salt.Length is 0 or > 1024 || Int(kdfParams, "dklen") != 32)
            {
                throw Invalid("the salt must be 1 to 1024 bytes and dklen 32");
            }

            EvmAddress? address = null;
            if (Property(root, "address", JsonValueKind.String, optional: true) is { } addressText)
            {
                var bytes = HexInput.TryDecode(addressText.GetString()!);
                address = bytes is { Length: EvmAddress.Length } ? new EvmAddress(bytes) : throw Invalid("the address is not 20 bytes of hex");
            }

            switch (Text(crypto, "kdf"))
            {
                case "scrypt":
                    var n = Int(kdfParams, "n");
                    var r = Int(kdfParams, "r");
                    var p = Int(kdfParams, "p");
                    if (n < 2 || n > Web3KeyStore.MaxScryptN || (n & (n - 1)) != 0 || r < 1 || p < 1 || p > Web3KeyStore.MaxScryptP
                        || 128L * n * r > Web3KeyStore.MaxScryptMemory || (long)n * r * p > Web3KeyStore.MaxScryptWork)
                    {
                        throw Invalid($"scrypt parameters n={n}, r={r}, p={p} are outside the bounds this SDK reads (N a power of two up to 2^20, p up to {Web3KeyStore.MaxScryptP}, at most 1 GiB of memory, N·r·p at most 2^23)");
                    }

                    return new KeyStoreFile(KeyStoreKdf.Scrypt, salt, n, r, p, 0, iv, ciphertext, mac, address);
                case "pbkdf2":
                    var c = Int(kdfParams, "c");
                    if (Text(kdfParams, "prf") != "hmac-sha256" || c < 1 || c > Web3KeyStore.MaxPbkdf2Iterations)
                    {
                        throw Invalid($"PBKDF2 must use hmac-sha256 with 1 to {Web3KeyStore.MaxPbkdf2Iterations} iterations");
                    }

                    return new KeyStoreFile(KeyStoreKdf.Pbkdf2, salt, 0, 0, 0, c, iv, ciphertext, mac, address);
                default:
                    throw Invalid("the kdf must be scrypt or pbkdf2");
            }
        }
    }

    private static JsonElement? Property(JsonElement parent, string name, JsonValueKind kind, bool optional = false)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == kind)
        {
            return value;
        }

        return optional && !parent.TryGetProperty(name, out _) ? null : throw Invalid($"\"{name}\" is missing or has the wrong type");
    }

    private static string Text(JsonElement parent, string name) => Property(parent, name, JsonValueKind.String)!.Value.GetString()!;

    private static byte[] Hex(JsonElement parent, string name) =>
        HexInput.TryDecode(Text(parent, name)) ?? throw Invalid($"\"{name}\" is not hex");

    private static int Int(JsonElement parent, string name) =>
        Property(parent, name, JsonValueKind.Number)!.Value.TryGetInt32(out var value) ? value : throw Invalid($"\"{name}\" is not a 32-bit integer");

    private static InvalidFormatException Invalid(string reason) => new($"The keystore is not a valid Web3 Secret Storage v3 file: {reason}.");
}
