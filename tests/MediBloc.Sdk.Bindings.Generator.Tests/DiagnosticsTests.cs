using Microsoft.CodeAnalysis;

namespace MediBloc.Sdk.Bindings.Generator.Tests;

/// <summary>A bad artifact is a build error that names the file and the problem, never a crash or silently missing bindings.</summary>
public sealed class DiagnosticsTests
{
    private const string Good = """{ "contractName": "Good", "abi": [{ "type": "function", "name": "ping", "inputs": [], "outputs": [], "stateMutability": "nonpayable" }] }""";

    [Theory]
    [InlineData("{ \"abi\": [ ", "MBG001")]
    [InlineData("{ \"abi\": [], }", "MBG001")]
    [InlineData("{ \"abi\": [ { \"type\": \"function\", \"name\": \"a\" \"inputs\": [] } ] }", "MBG001")]
    [InlineData("{ \"abi\": [], \"abi\": [] }", "MBG001")]
    [InlineData("{ \"bytecode\": \"0x\" }", "MBG002")]
    [InlineData("{ \"abi\": {} }", "MBG002")]
    [InlineData("{ \"abi\": [ { \"type\": \"function\", \"inputs\": [] } ] }", "MBG002")]
    [InlineData("{ \"abi\": [ { \"type\": \"function\", \"name\": \"f\", \"inputs\": [ { \"name\": \"x\" } ] } ] }", "MBG002")]
    [InlineData("{ \"abi\": [ { \"type\": \"function\", \"name\": \"f\", \"inputs\": [ { \"name\": \"x\", \"type\": \"tuple\" } ] } ] }", "MBG002")]
    [InlineData("""{ "abi": [ { "type": "function", "name": "f", "inputs": [] }, { "type": "function", "name": "f", "inputs": [ { "name": "x", "type": "uint256" } ] } ] }""", "MBG003")]
    [InlineData("""{ "abi": [ { "type": "event", "name": "E", "inputs": [] }, { "type": "event", "name": "E", "inputs": [ { "name": "x", "type": "uint256" } ] } ] }""", "MBG003")]
    [InlineData("""{ "abi": [ { "type": "error", "name": "E", "inputs": [] }, { "type": "error", "name": "E", "inputs": [ { "name": "x", "type": "uint256" } ] } ] }""", "MBG003")]
    [InlineData("""{ "abi": [ { "type": "function", "name": "f", "inputs": [ { "name": "x", "type": "fixed128x18" } ] } ] }""", "MBG004")]
    [InlineData("""{ "abi": [ { "type": "function", "name": "f", "inputs": [ { "name": "x", "type": "uint7" } ] } ] }""", "MBG004")]
    [InlineData("""{ "abi": [ { "type": "function", "name": "f", "inputs": [ { "name": "x", "type": "bytes33" } ] } ] }""", "MBG004")]
    [InlineData("""{ "abi": [ { "type": "event", "name": "E", "anonymous": true, "inputs": [] } ] }""", "MBG004")]
    [InlineData("""{ "abi": [ { "type": "function", "name": "f", "inputs": [ { "name": "owner", "type": "address" }, { "name": "owner_", "type": "address" } ] } ] }""", "MBG005")]
    [InlineData("""{ "abi": [ { "type": "function", "name": "f", "inputs": [ { "name": "a", "type": "tuple", "internalType": "struct C.S", "components": [ { "name": "x", "type": "uint8" } ] }, { "name": "b", "type": "tuple", "internalType": "struct D.S", "components": [ { "name": "y", "type": "bool" } ] } ] } ] }""", "MBG005")]
    [InlineData("""{ "abi": [ { "type": "function", "name": "f$", "inputs": [] } ] }""", "MBG006")]
    [InlineData("""{ "contractName": "My-Contract", "abi": [] }""", "MBG006")]
    public void A_bad_artifact_is_a_located_error_and_the_others_still_generate(string json, string id)
    {
        var run = GeneratorHarness.Run(("Bad.json", json, "Bad.Messages"), ("Good.json", Good, "Good.Messages"));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Bad.json", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("Bad.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(["Good.Messages.Good.g.cs"], run.Sources.Keys);
    }

    [Fact]
    public void A_syntax_error_points_at_its_line()
    {
        var run = GeneratorHarness.Run(("Bad.json", "{\n  \"abi\": [\n    { \"type\": \"function\", \"name\": \"a\" \"inputs\": [] }\n  ]\n}", "Bad.Messages"));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Two_artifacts_of_one_contract_in_one_namespace_are_an_error()
    {
        var run = GeneratorHarness.Run(("A.json", Good, "Same.Messages"), ("B.json", Good, "Same.Messages"));

        Assert.Equal("MBG007", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void An_overload_error_names_both_signatures()
    {
        var run = GeneratorHarness.Run(("Bad.json", """{ "abi": [ { "type": "function", "name": "f", "inputs": [] }, { "type": "function", "name": "f", "inputs": [ { "name": "x", "type": "uint256" } ] } ] }""", null));

        var message = Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("f()", message);
        Assert.Contains("f(uint256)", message);
    }
}
