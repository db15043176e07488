using System.Numerics;
using System.Text.Json;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Claims;

/// <summary>
/// The claim record's plaintext: the claim document, the patient's public key, the policy and the supporting records
/// re-wrapped for the insurer. JSON: <c>{"v":1,"policyId":"1","patientKey":"0x..","contentType":"..","claim":"base64",
/// "records":[{"commitment":"0x..","cid":"..","contentType":".."}]}</c>.
/// </summary>
internal sealed record ClaimPackage(BigInteger PolicyId, Secp256k1PublicKey PatientKey, string ContentType, byte[] Claim, IReadOnlyList<ClaimRecordReference> Records)
{
    /// <summary>The claim record's content type.</summary>
    public const string PackageContentType = "application/vnd.medibloc.claim+json";

    /// <summary>The purpose-of-use code of every claim grant and read: HL7 v3 ActReason <c>HPAYMT</c> (healthcare payment).</summary>
    public const string PaymentPurpose = "HPAYMT";

    private const int MaxRecords = 256;

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteString("policyId", PolicyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("patientKey", PatientKey.ToString());
            w.WriteString("contentType", ContentType);
            w.WriteBase64String("claim", Claim);
            w.WriteStartArray("records");
            foreach (var r in Records)
            {
                w.WriteStartObject();
                w.WriteString("commitment", r.Commitment.ToString());
                w.WriteString("cid", r.Cid.ToString());
                w.WriteString("contentType", r.ContentType);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a package; anything malformed is an <see cref="IntegrityException"/>.</summary>
    public static ClaimPackage Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.GetProperty("v").GetInt32() != 1)
            {
                throw new IntegrityException("The claim record has an unknown version.", IntegrityCheck.Format);
            }
            var records = new List<ClaimRecordReference>();
            foreach (var r in root.GetProperty("records").EnumerateArray())
            {
                if (records.Count == MaxRecords)
                {
                    throw new IntegrityException($"The claim record lists more than {MaxRecords} supporting records.", IntegrityCheck.Format);
                }
                records.Add(new ClaimRecordReference(
                    Commitment.Parse(r.GetProperty("commitment").GetString()!),
                    ContentId.Parse(r.GetProperty("cid").GetString()!),
                    r.GetProperty("contentType").GetString()!));
            }
            return new ClaimPackage(
                BigInteger.Parse(root.GetProperty("policyId").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Secp256k1PublicKey.FromHex(root.GetProperty("patientKey").GetString()!),
                root.GetProperty("contentType").GetString()!,
                root.GetProperty("claim").GetBytesFromBase64(),
                records);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidFormatException or NullReferenceException)
        {
            throw new IntegrityException("The claim record is not a well-formed claim package.", IntegrityCheck.Format, ex);
        }
    }
}
