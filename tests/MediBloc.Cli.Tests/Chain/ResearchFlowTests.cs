using MediBloc.Cli;

namespace MediBloc.Cli.Tests.Chain;

/// <summary>A paid data request end to end from the tool: index, search, post, consent, confirm, release, open, refund.</summary>
public sealed class ResearchFlowTests : IDisposable
{
    private const string Code = "http://loinc.org|85354-9";
    private const string Record = """{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]}}""";
    private readonly CliState _state = new();

    public void Dispose() => _state.Dispose();

    [Fact]
    public void A_researcher_buys_a_consented_record_and_takes_back_unspent_escrow()
    {
        _state.NewKey("alice");
        _state.NewKey("rita");
        _state.NewKey("relay");
        _state.Json("fund", "alice");
        _state.Json("fund", "relay");
        _state.Json("fund", "rita", "--med", "100");
        _state.Json("authority", "certify", "rita", "--role", "researcher");
        File.WriteAllText(_state.Path("bp.json"), Record);
        var cid = _state.Json("records", "publish", "--as", "alice", "--in", _state.Path("bp.json")).GetProperty("records")[0].GetProperty("cid").GetString()!;
        var listed = _state.Json("research", "index", cid, "--as", "alice", "--code", Code, "--age", "47", "--region", "KR", "--relayer", "relay");

        var candidates = _state.Json("research", "search", "--as", "rita", "--code", Code).GetProperty("candidates");
        var handle = Assert.Single(candidates.EnumerateArray()).GetProperty("handle").GetString()!;
        Assert.Equal(listed.GetProperty("handle").GetString(), handle);
        Assert.Equal("40-49", candidates[0].GetProperty("ageBracket").GetString());

        var posted = _state.Json("research", "post", "--as", "rita", "--handle", handle, "--description", "Blood pressure cohort", "--price", "5", "--max", "1");
        var request = posted.GetProperty("requestId").GetString()!;
        Assert.Equal(5m, posted.GetProperty("escrowMed").GetDecimal());

        var matching = _state.Json("research", "requests", "--as", "alice").GetProperty("requests");
        Assert.Equal(request, matching[0].GetProperty("requestId").GetString());
        _state.Json("research", "consent", request, "--as", "alice", "--relayer", "relay");
        var early = _state.Run("research", "release", request, "--as", "alice", "--relayer", "relay");
        Assert.NotEqual(ExitCodes.Success, early.Code);

        var consents = _state.Json("research", "consents", request, "--as", "rita").GetProperty("consents");
        Assert.Equal("Pending", Assert.Single(consents.EnumerateArray()).GetProperty("status").GetString());
        _state.Json("research", "confirm", request, "--as", "rita");
        var released = _state.Json("research", "release", request, "--as", "alice", "--relayer", "relay").GetProperty("releases");
        Assert.Equal(5m, Assert.Single(released.EnumerateArray()).GetProperty("amountMed").GetDecimal());

        var opened = _state.Json("research", "open", request, "--as", "rita", "--out-dir", _state.Path("data")).GetProperty("records");
        Assert.Equal(Record, File.ReadAllText(Assert.Single(opened.EnumerateArray()).GetProperty("path").GetString()!));

        // A second request nobody answers: refunded in full after its deadline.
        var unanswered = _state.Json("research", "post", "--as", "rita", "--handle", handle, "--description", "Follow-up", "--price", "2", "--max", "3", "--days", "1").GetProperty("requestId").GetString()!;
        Assert.NotEqual(ExitCodes.Success, _state.Run("research", "refund", unanswered, "--as", "rita").Code);
        _state.Json("chain", "advance", "--days", "2");
        Assert.Equal(6m, _state.Json("research", "refund", unanswered, "--as", "rita").GetProperty("amountMed").GetDecimal());
    }
}
