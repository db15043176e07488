using MediBloc.Sdk.Crypto;
// The Firely POCOs declare every element nullable; these tests read elements the mapping under test sets.
#nullable disable warnings
using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.EmergencyAccess;

namespace MediBloc.Sdk.Fhir.Tests.Audit;

[Collection(ValidatorCollection.Name)]
public sealed class ChainAuditEventsTests(ValidatorFixture fixture)
{
    private static readonly EvmAddress Owner = EvmAddress.Parse("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1");
    private static readonly EvmAddress Reader = EvmAddress.Parse("0xFFcf8FDEE72ac11b5c542428B35EEF5769C409f0");
    private static readonly string Commitment = "0x" + new string('c', 64);
    private static readonly string Tx = "0x" + new string('a', 64);
    private static readonly string GrantId = "0x" + new string('9', 64);
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly ChainAuditSource Source = new(31337, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", "MediBloc devnet");

    public static TheoryData<string> Kinds => new("read", "btg", "submitted", "revoked", "unknown-purpose");

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_exported_audit_event_validates_against_base_r4(string kind)
    {
        var audit = Export(kind);

        var result = fixture.Validator.Validate(audit);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }

    [Theory]
    [InlineData(PurposeOfUse.Treatment)]
    [InlineData(PurposeOfUse.EmergencyTreatment)]
    [InlineData(PurposeOfUse.Research)]
    public void A_read_carries_the_purpose_the_chain_hashed_as_purposeOfEvent(string purpose)
    {
        var read = new RecordReadEvent(RecordId.Parse(Commitment), Owner, Reader, AccessGrantsClient.ComputePurposeId(purpose), At, Tx, 42, AccessGrantsClient.ComputePatientTag(Owner));

        var audit = ChainAuditEvents.FromRecordRead(read, Source, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");

        var coding = Assert.Single(Assert.Single(audit.PurposeOfEvent).Coding);
        Assert.Equal((PurposeOfUse.System, purpose), (coding.System, coding.Code));
        Assert.Equal(At, audit.Recorded);
        Assert.Equal("read", audit.Subtype[0].Code);
        var requester = Assert.Single(audit.Agent, a => a.Requestor == true);
        Assert.Equal(Reader.ToString(), requester.Who.Identifier.Value);
        var record = Assert.Single(audit.Entity, e => e.What.Identifier.System == AccessGrantConsent.RecordIdSystem);
        Assert.Equal(Commitment, record.What.Identifier.Value);
        Assert.Equal("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", Assert.Single(record.Detail, d => d.Type == "cid").Value.ToString());
        Assert.Contains(audit.Entity, e => e.What.Identifier.Value == "eip155:31337:" + Tx);
        Assert.Equal("eip155:31337:" + Source.ContractAddress, audit.Source.Observer.Identifier.Value);
    }

    [Fact]
    public void Break_the_glass_is_exported_with_purpose_BTG_and_the_emergency_provider_as_requester()
    {
        var audit = Export("btg");

        Assert.Equal("BTG", Assert.Single(audit.PurposeOfEvent).Coding[0].Code);
        Assert.Equal(Reader.ToString(), Assert.Single(audit.Agent, a => a.Requestor == true).Who.Identifier.Value);
        Assert.Contains(audit.Entity, e => e.Role?.Code == "1" && e.What.Identifier.Value == Owner.ToString());
    }

    [Fact]
    public void Grant_submission_and_revocation_are_create_and_delete_of_the_grant()
    {
        var submitted = Export("submitted");
        var revoked = Export("revoked");

        Assert.Equal(("create", AuditEvent.AuditEventAction.C), (submitted.Subtype[0].Code, submitted.Action));
        Assert.Equal(("delete", AuditEvent.AuditEventAction.D), (revoked.Subtype[0].Code, revoked.Action));
        Assert.All(new[] { submitted, revoked }, a => Assert.Contains(a.Entity, e => e.What.Identifier.System == ChainAuditEvents.GrantIdSystem && e.What.Identifier.Value == GrantId));
        Assert.Equal("HRESCH", Assert.Single(submitted.PurposeOfEvent).Coding[0].Code);
    }

    [Fact]
    public void An_unknown_purpose_is_kept_as_its_id_not_guessed()
    {
        var audit = Export("unknown-purpose");

        Assert.Empty(audit.PurposeOfEvent);
        Assert.Contains(audit.Entity.SelectMany(e => e.Detail), d => d.Type == "purposeId" && d.Value.ToString() == AccessGrantsClient.ComputePurposeId("SOMETHING-ELSE"));
    }

    private static AuditEvent Export(string kind) => kind switch
    {
        "read" => ChainAuditEvents.FromRecordRead(new RecordReadEvent(RecordId.Parse(Commitment), Owner, Reader, AccessGrantsClient.ComputePurposeId("TREAT"), At, Tx, 42, AccessGrantsClient.ComputePatientTag(Owner)), Source, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"),
        "unknown-purpose" => ChainAuditEvents.FromRecordRead(new RecordReadEvent(RecordId.Parse(Commitment), Owner, Reader, AccessGrantsClient.ComputePurposeId("SOMETHING-ELSE"), At, Tx, 42, AccessGrantsClient.ComputePatientTag(Owner)), Source),
        "btg" => ChainAuditEvents.FromBreakTheGlass(new BreakTheGlassEvent(Owner, Reader, "0x" + new string('e', 64), At, Tx, 43, AccessGrantsClient.ComputePatientTag(Owner)), Source),
        "submitted" => ChainAuditEvents.FromGrantSubmitted(
            new GrantSubmittedEvent(GrantId, Owner, Reader, AccessScopeKind.All, "0x" + new string('0', 64), AccessGrantsClient.ComputePurposeId("HRESCH"), At.AddDays(30), Owner, Tx, 44, AccessGrantsClient.ComputePatientTag(Owner)),
            Source,
            At),
        "revoked" => ChainAuditEvents.FromGrantRevoked(new GrantRevokedEvent(GrantId, Owner, Owner, Tx, 45, AccessGrantsClient.ComputePatientTag(Owner)), Source, At),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
