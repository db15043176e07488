using System.Diagnostics;

namespace MediBloc.Sdk.Contracts;

/// <summary>The tracing source of the chain clients.</summary>
internal static class ChainDiagnostics
{
    /// <summary>Activities named <c>&lt;Client&gt;.&lt;Method&gt;</c>, tagged only with non-identifying values.</summary>
    public static readonly ActivitySource Source = new(Diagnostics.MediBlocDiagnostics.ActivitySourceName);
}
