using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Notifications;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;

namespace MediBloc.Sdk.Tests.Contracts.SearchIndex;

public sealed class SearchMetadataTests
{
    private const string Fhir = "application/fhir+json";
    private const string Diabetes = "http://snomed.info/sct|44054006";
    private const string Hba1c = "http://loinc.org|4548-4";

    [Fact]
    public void Metadata_round_trips_through_its_json_with_codes_sorted_and_distinct()
    {
        var metadata = new SearchMetadata(Fhir, [Hba1c, Diabetes, Hba1c], "40-49", "KR");

        var json = metadata.ToJson();
        var parsed = SearchMetadata.TryParse(json);

        Assert.Equal("{\"v\":1,\"type\":\"application/fhir+json\",\"codes\":[\"http://loinc.org|4548-4\",\"http://snomed.info/sct|44054006\"],\"age\":\"40-49\",\"region\":\"KR\"}", json);
        Assert.NotNull(parsed);
        Assert.Equal(metadata.Codes, parsed.Codes);
        Assert.Equal((Fhir, "40-49", "KR"), (parsed.ContentType, parsed.AgeBracket, parsed.Region));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"v\":2,\"type\":\"text/plain\"}")]
    [InlineData("{\"v\":1,\"type\":\"text/plain\",\"age\":\"41\"}")]
    public void Malformed_or_unknown_metadata_is_not_parsed(string json) => Assert.Null(SearchMetadata.TryParse(json));

    [Theory]
    [InlineData(0, "0-9")]
    [InlineData(47, "40-49")]
    [InlineData(89, "80-89")]
    [InlineData(90, "90+")]
    [InlineData(117, "90+")]
    public void Ages_fall_into_ten_year_brackets_with_90_and_over_together(int age, string bracket) =>
        Assert.Equal(bracket, SearchMetadata.AgeBracketOf(age));

    [Fact]
    public void An_age_bracket_outside_the_list_is_refused() =>
        Assert.Throws<ArgumentException>(() => new SearchMetadata(Fhir, ageBracket: "47"));

    [Fact]
    public void A_query_matches_when_every_part_that_is_set_matches()
    {
        var metadata = new SearchMetadata(Fhir, [Diabetes], "40-49", "KR");

        Assert.True(new SearchQuery().Matches(metadata));
        Assert.True(new SearchQuery { ContentType = Fhir, Codes = [Hba1c, Diabetes], AgeBrackets = ["40-49"], Regions = ["kr"] }.Matches(metadata));
        Assert.False(new SearchQuery { ContentType = "application/dicom" }.Matches(metadata));
        Assert.False(new SearchQuery { Codes = [Hba1c] }.Matches(metadata));
        Assert.False(new SearchQuery { AgeBrackets = ["50-59"] }.Matches(metadata));
        Assert.False(new SearchQuery { Regions = ["US"] }.Matches(metadata));
        Assert.False(new SearchQuery { Regions = ["KR"] }.Matches(new SearchMetadata(Fhir, [Diabetes])));
    }

    [Fact]
    public void Criteria_naming_handles_match_only_those_entries()
    {
        var metadata = new SearchMetadata(Fhir, [Diabetes]);
        var criteria = new DataRequestCriteria { Query = new SearchQuery { Codes = [Diabetes] }, Handles = ["0xAB"] };

        Assert.True(criteria.Matches("0xab", metadata));
        Assert.False(criteria.Matches("0xcd", metadata));
        Assert.True((criteria with { Handles = [] }).Matches("0xcd", metadata));
    }

    [Fact]
    public void Criteria_round_trip_through_their_document()
    {
        var criteria = new DataRequestCriteria
        {
            Description = "cohort",
            Query = new SearchQuery { ContentType = Fhir, Codes = [Diabetes], AgeBrackets = ["40-49"], Regions = ["KR"] },
            Handles = ["0x01"],
            ResearcherPublicKey = "02ab",
        };

        var parsed = DataRequestCriteria.TryParse(criteria.ToBytes());

        Assert.NotNull(parsed);
        Assert.Equal(criteria.Description, parsed.Description);
        Assert.Equal(criteria.Query.Codes, parsed.Query.Codes);
        Assert.Equal(criteria.Query.ContentType, parsed.Query.ContentType);
        Assert.Equal(criteria.Handles, parsed.Handles);
        Assert.Equal(criteria.ResearcherPublicKey, parsed.ResearcherPublicKey);
        Assert.Null(DataRequestCriteria.TryParse("{"u8));
    }

    [Fact]
    public void Entry_keys_are_deterministic_per_record_and_unrelated_across_records_and_owners()
    {
        using var owner = Secp256k1PrivateKey.Generate();
        using var other = Secp256k1PrivateKey.Generate();
        var first = new byte[32];
        var second = new byte[32];
        second[31] = 1;

        using var a = SearchEntryKey.Derive(owner, new Commitment(first));
        using var again = SearchEntryKey.Derive(owner, new Commitment(first));
        using var b = SearchEntryKey.Derive(owner, new Commitment(second));
        using var c = SearchEntryKey.Derive(other, new Commitment(first));

        Assert.Equal(a.Address, again.Address);
        Assert.Equal(SearchIndexClient.ComputeHandle(a), SearchIndexClient.ComputeHandle(again));
        Assert.Equal(4, new[] { a.Address, b.Address, c.Address, owner.Address }.Distinct().Count());
        Assert.Equal(66, SearchIndexClient.ComputeHandle(a).Length);
        Assert.NotEqual(SearchIndexClient.ComputeHandle(a), SearchIndexClient.ComputeHandle(b));
    }

    [Fact]
    public void Subscription_options_refuse_a_negative_start_or_a_non_positive_interval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubscriptionOptions { FromBlock = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubscriptionOptions { PollingInterval = TimeSpan.Zero }.Validate());
        new SubscriptionOptions { FromBlock = 0 }.Validate();
    }
}
