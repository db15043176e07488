using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MediBloc.Sdk.Bindings.Generator.Tests;

/// <summary>Runs <see cref="BindingsGenerator"/> the way the compiler does, on artifacts given as text.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. paths.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>Generates from <paramref name="artifacts"/> (file name → JSON, namespace metadata optional) and compiles the result.</summary>
    public static GeneratorRun Run(params (string File, string Json, string? Namespace)[] artifacts)
    {
        var compilation = CSharpCompilation.Create(
            "Bindings" + Guid.NewGuid().ToString("N"),
            [],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var texts = artifacts.Select(a => (AdditionalText)new InMemoryText("/repo/contracts/artifacts/" + a.File, a.Json)).ToImmutableArray();
        var options = new OptionsProvider(artifacts.ToDictionary(a => "/repo/contracts/artifacts/" + a.File, a => a.Namespace));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new BindingsGenerator().AsSourceGenerator()], texts, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        return new GeneratorRun(
            result.GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString()),
            diagnostics,
            output);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(Dictionary<string, string?> namespaces) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new() { ["build_property.RootNamespace"] = "Test.Root" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            var values = new Dictionary<string, string> { [BindingsGenerator.MarkerMetadata] = "true" };
            if (namespaces.TryGetValue(textFile.Path, out var ns) && ns is not null)
            {
                values[BindingsGenerator.NamespaceMetadata] = ns;
            }

            return new Options(values);
        }
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>What one generator run produced: sources by hint name, the generator's diagnostics, the compilation.</summary>
internal sealed class GeneratorRun(Dictionary<string, string> sources, ImmutableArray<Diagnostic> generatorDiagnostics, Compilation compilation)
{
    public Dictionary<string, string> Sources { get; } = sources;

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; } = generatorDiagnostics;

    public Compilation Compilation { get; } = compilation;

    public string Source => Assert.Single(Sources).Value;

    /// <summary>Compiles the generated code (failing on any error or warning) and loads it.</summary>
    public Assembly Load()
    {
        Assert.Empty(GeneratorDiagnostics);
        using var stream = new MemoryStream();
        var emitted = Compilation.Emit(stream);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(emitted.Success && problems.Count == 0, string.Join(Environment.NewLine, problems));
        stream.Position = 0;
        return new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(stream);
    }
}
