using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MediBloc.Sdk.Bindings.Generator;

/// <summary>The diagnostics the generator reports; every one is an error, so a bad artifact fails the build instead of dropping bindings.</summary>
internal enum BindingDiagnostic
{
    /// <summary>MBG001: the artifact is not valid JSON.</summary>
    MalformedJson,

    /// <summary>MBG002: valid JSON, but not the shape of a compiler artifact.</summary>
    MalformedAbi,

    /// <summary>MBG003: two functions, events or errors of one contract share a name.</summary>
    Overloaded,

    /// <summary>MBG004: an ABI type with no C# binding (fixed, function, malformed widths, anonymous events).</summary>
    Unsupported,

    /// <summary>MBG005: two generated classes or properties would get the same name.</summary>
    NameClash,

    /// <summary>MBG006: a name that does not make a C# identifier.</summary>
    InvalidName,

    /// <summary>MBG007: two artifacts would generate the same contract's bindings.</summary>
    DuplicateContract,
}

internal static class BindingDiagnostics
{
    private const string Category = "MediBloc.Bindings";

    public static readonly BindingDiagnostic MalformedJson = BindingDiagnostic.MalformedJson;
    public static readonly BindingDiagnostic MalformedAbi = BindingDiagnostic.MalformedAbi;
    public static readonly BindingDiagnostic Overloaded = BindingDiagnostic.Overloaded;
    public static readonly BindingDiagnostic Unsupported = BindingDiagnostic.Unsupported;
    public static readonly BindingDiagnostic NameClash = BindingDiagnostic.NameClash;
    public static readonly BindingDiagnostic InvalidName = BindingDiagnostic.InvalidName;
    public static readonly BindingDiagnostic DuplicateContract = BindingDiagnostic.DuplicateContract;

    private static readonly DiagnosticDescriptor[] Descriptors =
    [
        Make("MBG001", "Malformed contract artifact", "Malformed JSON in contract artifact {0}"),
        Make("MBG002", "Malformed contract ABI", "Contract artifact {0}"),
        Make("MBG003", "Overloaded ABI name", "Contract artifact {0}"),
        Make("MBG004", "Unsupported ABI type", "Contract artifact {0}"),
        Make("MBG005", "Binding name clash", "Contract artifact {0}"),
        Make("MBG006", "Invalid binding name", "Contract artifact {0}"),
        Make("MBG007", "Duplicate contract bindings", "Contract artifact {0}"),
    ];

    public static DiagnosticDescriptor Descriptor(BindingDiagnostic kind) => Descriptors[(int)kind];

    private static DiagnosticDescriptor Make(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}

/// <summary>A problem found in an artifact, kept as plain values so the incremental pipeline can compare results.</summary>
internal sealed class BindingProblem : IEquatable<BindingProblem>
{
    public BindingProblem(BindingDiagnostic kind, string message, int offset, int length)
    {
        Kind = kind;
        Message = message;
        Offset = offset;
        Length = length;
    }

    public BindingDiagnostic Kind { get; }

    public string Message { get; }

    public int Offset { get; }

    public int Length { get; }

    public string Id => BindingDiagnostics.Descriptor(Kind).Id;

    public Diagnostic ToDiagnostic(string path, SourceText? text)
    {
        var location = Location.None;
        if (text is not null && Offset <= text.Length)
        {
            var span = new TextSpan(Offset, Math.Min(Length, text.Length - Offset));
            location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
        }

        return Diagnostic.Create(BindingDiagnostics.Descriptor(Kind), location, Message);
    }

    public bool Equals(BindingProblem? other) =>
        other is not null && Kind == other.Kind && Message == other.Message && Offset == other.Offset && Length == other.Length;

    public override bool Equals(object? obj) => Equals(obj as BindingProblem);

    public override int GetHashCode() => Message.GetHashCode() ^ Offset;
}
