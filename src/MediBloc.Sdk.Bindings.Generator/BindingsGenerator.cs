using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MediBloc.Sdk.Bindings.Generator;

/// <summary>
/// Generates the typed contract bindings from compiler artifacts. An artifact is an <c>AdditionalFiles</c> item with
/// the metadata <c>MediBlocBindings="true"</c> (made visible with <c>CompilerVisibleItemMetadata</c>); its bindings go
/// to the namespace in its <c>BindingsNamespace</c> metadata, or <c>{RootNamespace}.{ContractName}.Messages</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class BindingsGenerator : IIncrementalGenerator
{
    internal const string MarkerMetadata = "build_metadata.AdditionalFiles.MediBlocBindings";
    internal const string NamespaceMetadata = "build_metadata.AdditionalFiles.BindingsNamespace";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var artifacts = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) =>
            {
                var (file, options) = pair;
                var fileOptions = options.GetOptions(file);
                if (!fileOptions.TryGetValue(MarkerMetadata, out var marker) || !string.Equals(marker, "true", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                fileOptions.TryGetValue(NamespaceMetadata, out var ns);
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
                var text = file.GetText(cancellationToken)?.ToString();
                return Build(file.Path, text, ns, rootNamespace);
            })
            .Where(static r => r is not null)
            .Select(static (r, _) => r!)
            .Collect();

        context.RegisterSourceOutput(artifacts, static (spc, results) => Emit(spc, results));
    }

    private static void Emit(SourceProductionContext spc, ImmutableArray<ArtifactBindings> results)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            var text = result.Text is null ? null : SourceText.From(result.Text);
            foreach (var problem in result.Problems)
            {
                spc.ReportDiagnostic(problem.ToDiagnostic(result.Path, text));
            }

            if (result.Source is null)
            {
                continue;
            }

            var hint = $"{result.Namespace}.{result.Contract}.g.cs";
            if (!seen.Add(hint))
            {
                var problem = new BindingProblem(BindingDiagnostic.DuplicateContract, $"{Path.GetFileName(result.Path)}: another artifact already generated the bindings of {result.Contract} in {result.Namespace}", 0, 0);
                spc.ReportDiagnostic(problem.ToDiagnostic(result.Path, text));
                continue;
            }

            spc.AddSource(hint, SourceText.From(result.Source, System.Text.Encoding.UTF8));
        }
    }

    /// <summary>Parses one artifact and writes its bindings, or the problems that prevent them.</summary>
    internal static ArtifactBindings Build(string path, string? text, string? @namespace, string? rootNamespace)
    {
        var fileName = Path.GetFileName(path);
        var fallbackContract = Path.GetFileNameWithoutExtension(path);
        if (text is null)
        {
            return ArtifactBindings.Failed(path, null, fallbackContract, new BindingProblem(BindingDiagnostic.MalformedJson, $"{fileName}: the file could not be read", 0, 0));
        }

        object? root;
        try
        {
            root = MiniJson.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            return ArtifactBindings.Failed(path, text, fallbackContract, new BindingProblem(BindingDiagnostic.MalformedJson, $"{fileName}: {e.Message} at offset {e.Offset}", e.Offset, 1));
        }

        IReadOnlyList<AbiEntry> entries;
        string? contractName;
        try
        {
            entries = AbiReader.Read(root, out contractName);
        }
        catch (AbiFormatException e)
        {
            return ArtifactBindings.Failed(path, text, fallbackContract, new BindingProblem(BindingDiagnostic.MalformedAbi, $"{fileName}: {e.Message}", 0, 0));
        }

        var contract = string.IsNullOrEmpty(contractName) ? fallbackContract : contractName!;
        if (!BindingNames.IsIdentifier(contract))
        {
            return ArtifactBindings.Failed(path, text, contract, new BindingProblem(BindingDiagnostic.InvalidName, $"{fileName}: the contract name '{contract}' does not make a C# identifier", 0, 0));
        }

        var ns = string.IsNullOrWhiteSpace(@namespace)
            ? (string.IsNullOrWhiteSpace(rootNamespace) ? string.Empty : rootNamespace + ".") + contract + ".Messages"
            : @namespace!.Trim();
        if (ns.Split('.').Any(part => !BindingNames.IsIdentifier(part)))
        {
            return ArtifactBindings.Failed(path, text, contract, new BindingProblem(BindingDiagnostic.InvalidName, $"{fileName}: '{ns}' is not a namespace", 0, 0));
        }

        var emitter = new BindingsEmitter(contract, ns, text, fileName);
        var source = emitter.Emit(entries);
        return new ArtifactBindings(path, emitter.Problems.Count > 0 ? text : null, contract, ns, source, emitter.Problems.ToImmutableArray());
    }
}

/// <summary>The generator's result for one artifact, compared by value so unchanged artifacts are not re-emitted.</summary>
internal sealed class ArtifactBindings : IEquatable<ArtifactBindings>
{
    public ArtifactBindings(string path, string? text, string contract, string @namespace, string? source, ImmutableArray<BindingProblem> problems)
    {
        Path = path;
        Text = text;
        Contract = contract;
        Namespace = @namespace;
        Source = source;
        Problems = problems;
    }

    public string Path { get; }

    /// <summary>The artifact's text, kept only when there are problems to locate in it.</summary>
    public string? Text { get; }

    public string Contract { get; }

    public string Namespace { get; }

    public string? Source { get; }

    public ImmutableArray<BindingProblem> Problems { get; }

    public static ArtifactBindings Failed(string path, string? text, string contract, BindingProblem problem) =>
        new(path, text, contract, string.Empty, null, ImmutableArray.Create(problem));

    public bool Equals(ArtifactBindings? other) =>
        other is not null && Path == other.Path && Text == other.Text && Contract == other.Contract && Namespace == other.Namespace
        && Source == other.Source && Problems.SequenceEqual(other.Problems);

    public override bool Equals(object? obj) => Equals(obj as ArtifactBindings);

    public override int GetHashCode() => Path.GetHashCode() ^ (Source?.Length ?? 0);
}
