using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Recovery;

/// <summary>
/// What a key backup leaves on chain and in the store: which guardian holds which share, where its sealed share is,
/// and a digest of each share so a recovering device can tell a genuine share from an altered one. Sealed to the
/// patient and the guardians and anchored by the patient under <see cref="ContentType"/>; the latest such record of a
/// patient is the backup in force.
/// </summary>
internal sealed record KeyBackupManifest(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("backupId")] string BackupId,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("threshold")] int Threshold,
    [property: JsonPropertyName("shares")] IReadOnlyList<KeyBackupShare> Shares)
{
    /// <summary>The content type key backups are anchored with.</summary>
    public const string ContentType = "application/vnd.medibloc.key-backup+json";

    private static readonly byte[] DigestDomain = Encoding.ASCII.GetBytes("MediBloc key share v1\0");
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The manifest, or an <see cref="InvalidFormatException"/> when the bytes are not one.</summary>
    public static KeyBackupManifest Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<KeyBackupManifest>(bytes, Json);
            if (manifest is { Version: 1, Shares: not null, BackupId: not null, Owner: not null } && manifest.Threshold >= 1 && manifest.Threshold <= manifest.Shares.Count)
            {
                return manifest;
            }
        }
        catch (JsonException)
        {
        }
        throw new InvalidFormatException("The record anchored as a key backup is not a version-1 backup manifest.");
    }

    /// <summary>SHA-256("MediBloc key share v1\0" ‖ backup id ‖ encoded share), 0x-hex.</summary>
    public static string Digest(string backupId, KeyShare share)
    {
        var encoded = share.ToBytes();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(DigestDomain);
            hash.AppendData(Convert.FromHexString(backupId.AsSpan(2)));
            hash.AppendData(encoded);
            return "0x" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }
    }
}

/// <summary>One guardian's entry in a <see cref="KeyBackupManifest"/>.</summary>
internal sealed record KeyBackupShare(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("guardian")] string Guardian,
    [property: JsonPropertyName("cid")] string Cid,
    [property: JsonPropertyName("digest")] string Digest);
