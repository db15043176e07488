using System.Text.Json;
using MediBloc.Sdk.Access.Messages;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Records.Messages;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Util;

namespace MediBloc.Sdk.Tests.Contracts;

/// <summary>The hand-written typed messages agree with the compiled contract's ABI, so they cannot drift.</summary>
public sealed class TypedMessageTests
{
    public static TheoryData<Type, string> Messages => new()
    {
        { typeof(AnchorFunction), "RecordRegistry" },
        { typeof(GetRecordFunction), "RecordRegistry" },
        { typeof(RecordAnchoredEventDto), "RecordRegistry" },
        { typeof(AlreadyAnchoredError), "RecordRegistry" },
        { typeof(SupersedeFunction), "RecordRegistry" },
        { typeof(AnchorBatchFunction), "RecordRegistry" },
        { typeof(GetBatchFunction), "RecordRegistry" },
        { typeof(VerifyInBatchFunction), "RecordRegistry" },
        { typeof(RecordSupersededEventDto), "RecordRegistry" },
        { typeof(BatchAnchoredEventDto), "RecordRegistry" },
        { typeof(AnchorForFunction), "RecordRegistry" },
        { typeof(ConfigureAuthoringFunction), "RecordRegistry" },
        { typeof(GetRecordPartiesFunction), "RecordRegistry" },
        { typeof(RecordAuthoredEventDto), "RecordRegistry" },
        { typeof(SubmitGrantFunction), "AccessGrants" },
        { typeof(HashGrantFunction), "AccessGrants" },
        { typeof(RevokeGrantFunction), "AccessGrants" },
        { typeof(GetGrantFunction), "AccessGrants" },
        { typeof(CanReadFunction), "AccessGrants" },
        { typeof(LogReadsFunction), "AccessGrants" },
        { typeof(SetDelegateFunction), "AccessGrants" },
        { typeof(RevokeDelegateFunction), "AccessGrants" },
        { typeof(DelegateValidUntilFunction), "AccessGrants" },
        { typeof(AppointGuardianFunction), "AccessGrants" },
        { typeof(HandOverFunction), "AccessGrants" },
        { typeof(GuardianOfFunction), "AccessGrants" },
        { typeof(GrantSubmittedEventDto), "AccessGrants" },
        { typeof(GrantRevokedEventDto), "AccessGrants" },
        { typeof(RecordReadEventDto), "AccessGrants" },
        { typeof(SubmitWriteGrantFunction), "AccessGrants" },
        { typeof(CanWriteFunction), "AccessGrants" },
        { typeof(WriteGrantInForceFunction), "AccessGrants" },
        { typeof(WriteGrantSubmittedEventDto), "AccessGrants" },
        { typeof(Sdk.Credentials.Messages.SetAuthorityFunction), "Credentials" },
        { typeof(Sdk.Credentials.Messages.IsAuthorityFunction), "Credentials" },
        { typeof(Sdk.Credentials.Messages.CertifyFunction), "Credentials" },
        { typeof(Sdk.Credentials.Messages.RevokeCredentialFunction), "Credentials" },
        { typeof(Sdk.Credentials.Messages.HasRoleFunction), "Credentials" },
        { typeof(Sdk.Credentials.Messages.GetCredentialFunction), "Credentials" },
        { typeof(Sdk.Credentials.Messages.CertifiedEventDto), "Credentials" },
        { typeof(Sdk.Emergency.Messages.SetVitalProfileFunction), "EmergencyAccess" },
        { typeof(Sdk.Emergency.Messages.VitalProfileOfFunction), "EmergencyAccess" },
        { typeof(Sdk.Emergency.Messages.BreakTheGlassFunction), "EmergencyAccess" },
        { typeof(Sdk.Emergency.Messages.BreakTheGlassEventDto), "EmergencyAccess" },
        { typeof(Sdk.Token.Messages.BalanceOfFunction), "MedToken" },
        { typeof(Sdk.Token.Messages.AllowanceFunction), "MedToken" },
        { typeof(Sdk.Token.Messages.TransferFunction), "MedToken" },
        { typeof(Sdk.Token.Messages.ApproveFunction), "MedToken" },
        { typeof(Sdk.Token.Messages.TransferFromFunction), "MedToken" },
        { typeof(Sdk.Token.Messages.TotalSupplyFunction), "MedToken" },
        { typeof(Sdk.Token.Messages.TransferEventDto), "MedToken" },
        { typeof(Sdk.Points.Messages.SetRateFunction), "MediPoints" },
        { typeof(Sdk.Points.Messages.RateOfFunction), "MediPoints" },
        { typeof(Sdk.Points.Messages.ClaimRecordRewardFunction), "MediPoints" },
        { typeof(Sdk.Points.Messages.BuyPointsFunction), "MediPoints" },
        { typeof(Sdk.Points.Messages.ConvertPointsFunction), "MediPoints" },
        { typeof(Sdk.Points.Messages.PointsBalanceOfFunction), "MediPoints" },
        { typeof(Sdk.Points.Messages.ConvertibleOfFunction), "MediPoints" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Typed_message_signature_is_declared_in_the_artifact_abi(Type message, string contract)
    {
        var declared = AbiSignatures(ContractArtifact.Load(contract).Abi);

        Assert.Contains(SignatureOf(message), declared);
    }

    [Fact]
    public void Content_type_id_is_the_whole_keccak256()
    {
        // keccak256("application/fhir+json"), computed with Nethereum's Keccak over the UTF-8 bytes.
        var full = Sha3Keccack.Current.CalculateHash("application/fhir+json");

        Assert.Equal("0x" + full, Records.RecordRegistryClient.ComputeContentTypeId("application/fhir+json"));
    }

    [Fact]
    public void Record_id_is_keccak256_of_the_abi_encoded_owner_and_commitment()
    {
        const string owner = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        var commitment = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        // abi.encode(address, bytes32): the address left-padded to 32 bytes, then the commitment.
        var encoded = "000000000000000000000000" + owner[2..].ToLowerInvariant() + Convert.ToHexString(commitment).ToLowerInvariant();

        var id = Records.RecordRegistryClient.ComputeRecordId(owner.ToLowerInvariant(), commitment);

        Assert.Equal(Sha3Keccack.Current.CalculateHashFromHex(encoded), Convert.ToHexString(id).ToLowerInvariant());
        Assert.NotEqual(id, Records.RecordRegistryClient.ComputeRecordId("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", commitment));
        Assert.Equal(id, Records.RecordRegistryClient.ComputeBatchId(owner, commitment));
        Assert.Throws<ArgumentException>(() => Records.RecordRegistryClient.ComputeRecordId(owner, new byte[31]));
    }

    private static string SignatureOf(Type message)
    {
        var parameters = message.GetProperties()
            .Select(p => (p, a: p.GetCustomAttributes(typeof(ParameterAttribute), false).Cast<ParameterAttribute>().SingleOrDefault()))
            .Where(x => x.a is not null)
            .OrderBy(x => x.a!.Order)
            .Select(x => x.a!.Type);
        var name = message.GetCustomAttributes(false) switch
        {
            var a when a.OfType<FunctionAttribute>().FirstOrDefault() is { } f => "function " + f.Name,
            var a when a.OfType<EventAttribute>().FirstOrDefault() is { } e => "event " + e.Name,
            var a when a.OfType<ErrorAttribute>().FirstOrDefault() is { } r => "error " + r.Name,
            _ => throw new InvalidOperationException(message.Name + " has no Function/Event/Error attribute"),
        };
        return $"{name}({string.Join(',', parameters)})";
    }

    private static HashSet<string> AbiSignatures(string abi)
    {
        using var doc = JsonDocument.Parse(abi);
        return doc.RootElement.EnumerateArray()
            .Where(e => e.TryGetProperty("name", out _))
            .Select(e => $"{e.GetProperty("type").GetString()} {e.GetProperty("name").GetString()}({string.Join(',', e.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString()))})")
            .ToHashSet();
    }
}
