using MediBloc.Sdk.Crypto;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Tests.Provenance;

[Collection(ValidatorCollection.Name)]
public sealed class AnchorProvenanceTests(ValidatorFixture fixture)
{
    private static readonly RecordAnchor Anchor = new(
        31337,
        "0x" + new string('a', 64),
        Commitment.Parse("0x" + new string('c', 64)),
        "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
        EvmAddress.Parse("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1"),
        new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void The_provenance_of_an_anchored_record_validates_against_base_r4()
    {
        var provenance = AnchorProvenance.Create(Anchor, "urn:uuid:5b2a2c0e-8a3c-4f55-9d1e-0c1e2f3a4b5c", "Patient/example");

        var result = fixture.Validator.Validate(provenance);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }

    [Fact]
    public void The_anchor_reads_back_from_the_provenance_after_a_json_round_trip()
    {
        var provenance = AnchorProvenance.Create(Anchor, "Observation/1", "Patient/example");
        var json = FhirJson.Serialize(provenance);

        var read = AnchorProvenance.ReadAnchor(FhirJson.Parse<Hl7.Fhir.Model.Provenance>(json));

        Assert.Equal(Anchor, read);
    }

    [Fact]
    public void The_provenance_targets_the_resource_and_names_the_author()
    {
        var provenance = AnchorProvenance.Create(Anchor, "Observation/1", "Patient/example");

        Assert.Equal("Observation/1", Assert.Single(provenance.Target).Reference);
        var agent = Assert.Single(provenance.Agent);
        Assert.Equal("Patient/example", agent.Who!.Reference);
        Assert.Equal("author", agent.Type!.Coding[0].Code);
        Assert.Equal(Anchor.AnchoredAt, provenance.Recorded);
        Assert.Contains(provenance.Entity, e => e.What?.Identifier?.Value == "eip155:31337:" + Anchor.TransactionHash);
    }

    [Fact]
    public void A_provenance_of_something_else_has_no_anchor()
    {
        var example = FhirJson.Parse<Hl7.Fhir.Model.Provenance>(TestFiles.Read("hl7/Provenance-example.json"));

        Assert.Null(AnchorProvenance.ReadAnchor(example));
    }

    [Fact]
    public void The_hl7_provenance_examples_validate_so_the_validator_is_not_blind()
    {
        var result = fixture.Validator.Validate(TestFiles.Read("hl7/Provenance-example.json"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }

    [Fact]
    public void The_validator_reports_an_error_for_a_provenance_without_target()
    {
        var provenance = AnchorProvenance.Create(Anchor, "Observation/1", "Patient/example");
        provenance.Target.Clear();

        var result = fixture.Validator.Validate(provenance);

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Create_checks_its_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => AnchorProvenance.Create(null!, "a", "b"));
        Assert.Throws<ArgumentException>(() => AnchorProvenance.Create(Anchor, " ", "b"));
    }
}
