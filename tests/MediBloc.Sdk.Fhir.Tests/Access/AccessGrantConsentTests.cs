using MediBloc.Sdk.Crypto;
// The Firely POCOs declare every element nullable; these tests read elements the mapping under test sets.
#nullable disable warnings
using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.Sdk.Fhir.Tests.Access;

[Collection(ValidatorCollection.Name)]
public sealed class AccessGrantConsentTests(ValidatorFixture fixture)
{
    private static readonly EvmAddress Owner = EvmAddress.Parse("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1");
    private static readonly EvmAddress Grantee = EvmAddress.Parse("0xFFcf8FDEE72ac11b5c542428B35EEF5769C409f0");
    private static readonly DateTimeOffset Recorded = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = new(2027, 5, 25, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Grants => new()
    {
        { "record", PurposeOfUse.Treatment },
        { "content-type", PurposeOfUse.Research },
        { "all", PurposeOfUse.EmergencyTreatment },
        { "all", "HPAYMT" },
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public void A_grant_maps_to_a_consent_that_validates_against_base_r4(string scope, string purpose)
    {
        var consent = AccessGrantConsent.ToConsent(Grant(scope, purpose), Recorded);

        var result = fixture.Validator.Validate(consent);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }

    [Theory]
    [MemberData(nameof(Grants))]
    public void A_grant_survives_consent_and_json_and_back(string scope, string purpose)
    {
        var grant = Grant(scope, purpose);

        var json = FhirJson.Serialize(AccessGrantConsent.ToConsent(grant, Recorded));
        var back = AccessGrantConsent.ToGrant(FhirJson.Parse<Consent>(json));

        Assert.Equal(grant.Owner, back.Owner);
        Assert.Equal(grant.Grantee, back.Grantee);
        Assert.Equal(grant.Scope, back.Scope);
        Assert.Equal(grant.Purpose, back.Purpose);
        Assert.Equal(grant.ExpiresAt, back.ExpiresAt);
        Assert.Equal(grant.Salt!.Value.ToArray(), back.Salt!.Value.ToArray());
    }

    [Fact]
    public void The_consent_has_the_patient_privacy_scope_the_grantee_as_actor_the_purpose_and_the_period()
    {
        var consent = AccessGrantConsent.ToConsent(Grant("record", PurposeOfUse.Treatment), Recorded);

        Assert.Equal("patient-privacy", consent.Scope.Coding[0].Code);
        Assert.Equal(Owner.ToString(), consent.Patient.Identifier.Value);
        Assert.Equal(Consent.ConsentProvisionType.Permit, consent.Provision.Type);
        Assert.Equal(Grantee.ToString(), Assert.Single(consent.Provision.Actor).Reference.Identifier.Value);
        var purpose = Assert.Single(consent.Provision.Purpose);
        Assert.Equal((PurposeOfUse.System, "TREAT"), (purpose.System, purpose.Code));
        Assert.Equal(Expires, consent.Provision.Period.EndElement.ToDateTimeOffset(TimeSpan.Zero));
        Assert.Equal(Consent.ConsentDataMeaning.Instance, Assert.Single(consent.Provision.Data).Meaning);
    }

    [Fact]
    public void A_content_type_scope_becomes_a_data_class_with_the_content_type()
    {
        var consent = AccessGrantConsent.ToConsent(Grant("content-type", PurposeOfUse.Research), Recorded);

        var @class = Assert.Single(consent.Provision.Class);
        Assert.Equal((AccessGrantConsent.ContentTypeSystem, FhirContentTypes.ResourceJson), (@class.System, @class.Code));
    }

    [Fact]
    public void A_content_type_scope_the_mapper_cannot_name_is_refused()
    {
        var grant = new AccessGrant(Owner, Grantee, AccessScope.ForContentType("application/dicom"), "TREAT", Expires);

        Assert.Throws<ArgumentException>(() => AccessGrantConsent.ToConsent(grant, Recorded));
        Assert.Equal("application/dicom", AccessGrantConsent.ToConsent(grant, Recorded, ["text/plain", "application/dicom"]).Provision.Class[0].Code);
    }

    [Fact]
    public void A_consent_with_two_actors_is_refused_naming_the_path()
    {
        var consent = AccessGrantConsent.ToConsent(Grant("all", "TREAT"), Recorded);
        consent.Provision.Actor.Add(consent.Provision.Actor[0]);

        var error = Assert.Throws<FhirFormatException>(() => AccessGrantConsent.ToGrant(consent));

        Assert.Equal("Consent.provision.actor", error.JsonPath);
    }

    [Fact]
    public void A_consent_without_an_end_is_refused_naming_the_path()
    {
        var consent = AccessGrantConsent.ToConsent(Grant("all", "TREAT"), Recorded);
        consent.Provision.Period.End = null;

        var error = Assert.Throws<FhirFormatException>(() => AccessGrantConsent.ToGrant(consent));

        Assert.Equal("Consent.provision.period.end", error.JsonPath);
    }

    [Fact]
    public void An_hl7_consent_example_that_is_no_grant_is_refused_not_misread()
    {
        var example = FhirJson.Parse<Consent>(TestFiles.Read("hl7/Consent-consent-example-basic.json"));

        Assert.Throws<FhirFormatException>(() => AccessGrantConsent.ToGrant(example));
    }

    [Theory]
    [MemberData(nameof(Grants))]
    public void A_grant_event_from_the_chain_maps_to_a_valid_consent_naming_the_grant_and_back_to_the_grant(string scope, string purpose)
    {
        var grant = Grant(scope, purpose);
        var submitted = Event(grant, AccessGrantsClient.ComputePurposeId(purpose));

        var consent = AccessGrantConsent.FromGrantEvent(submitted, Recorded);

        Assert.True(fixture.Validator.Validate(consent).IsValid);
        Assert.Equal(Consent.ConsentState.Active, consent.Status);
        Assert.Equal(submitted.GrantId, Assert.Single(consent.Identifier).Value);
        var back = AccessGrantConsent.ToGrant(consent);
        Assert.Equal(grant with { Salt = null }, back with { Salt = null });
        Assert.Null(back.Salt);
    }

    [Fact]
    public void A_revoked_grant_event_maps_to_an_inactive_consent()
    {
        var submitted = Event(Grant("all", PurposeOfUse.Treatment), AccessGrantsClient.ComputePurposeId(PurposeOfUse.Treatment));

        var consent = AccessGrantConsent.FromGrantEvent(submitted, Recorded, new AccessGrantStatus(submitted.GrantId, Owner, Expires, Revoked: true));

        Assert.Equal(Consent.ConsentState.Inactive, consent.Status);
    }

    [Fact]
    public void A_grant_event_with_an_unknown_purpose_is_refused_by_name()
    {
        var submitted = Event(Grant("all", PurposeOfUse.Treatment), AccessGrantsClient.ComputePurposeId("NOT-A-CODE"));

        var ex = Assert.Throws<ArgumentException>(() => AccessGrantConsent.FromGrantEvent(submitted, Recorded));

        Assert.Contains(submitted.PurposeId, ex.Message, StringComparison.Ordinal);
    }

    private static GrantSubmittedEvent Event(AccessGrant grant, string purposeId) => new(
        "0x" + new string('c', 64), grant.Owner, grant.Grantee, grant.Scope.Kind, grant.Scope.Value, purposeId, grant.ExpiresAt, grant.Owner, "0x" + new string('d', 64), 7, AccessGrantsClient.ComputePatientTag(grant.Owner));

    private static AccessGrant Grant(string scope, string purpose)
    {
        var salt = new byte[32];
        for (var i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)(i * 7 + purpose.Length);
        }

        var commitment = new byte[32];
        commitment[5] = 0xAB;
        var accessScope = scope switch
        {
            "record" => AccessScope.ForRecord(new RecordId(commitment)),
            "content-type" => AccessScope.ForContentType(FhirContentTypes.ResourceJson),
            _ => AccessScope.All,
        };
        return new AccessGrant(Owner, Grantee, accessScope, purpose, Expires, salt);
    }
}
