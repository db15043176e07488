using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MediBloc.Sdk.Bindings.Generator.Tests;

/// <summary>Editing C# code does not re-emit the bindings: the generator's output is cached while the artifacts are unchanged.</summary>
public sealed class IncrementalTests
{
    private const string Abi = """{ "contractName": "Ping", "abi": [{ "type": "function", "name": "ping", "inputs": [], "outputs": [], "stateMutability": "nonpayable" }] }""";

    [Fact]
    public void A_source_edit_leaves_the_generated_bindings_cached()
    {
        var compilation = CSharpCompilation.Create("Incremental", [CSharpSyntaxTree.ParseText("class A { }")]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new BindingsGenerator().AsSourceGenerator()],
            [new Text("/a/Ping.json", Abi)],
            CSharpParseOptions.Default,
            new Provider(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        driver = driver.RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }")));

        var outputs = driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Provider : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(ImmutableDictionary<string, string>.Empty.Add(BindingsGenerator.MarkerMetadata, "true"));
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
