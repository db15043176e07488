using System.Collections;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Sharing;

/// <summary>
/// What <see cref="MediBloc.Sdk.Roles.Provider.ProviderClient.GetSharedWithMeAsync"/> found: the records shared with the reader under live grants,
/// and each share manifest it skipped with its CID and reason. One bad manifest never stops the others.
/// </summary>
/// <remarks>The report is also the list of the records, like <see cref="Records.ResumeReport"/>; check <see cref="Skipped"/> (or <see cref="IsComplete"/>) for what was left out.</remarks>
public sealed class SharedWithMeReport : IReadOnlyList<SharedWithMeRecord>
{
    /// <summary>Creates a report.</summary>
    /// <param name="records">The records, grouped by grant in chain order.</param>
    /// <param name="skipped">The manifests skipped, in chain order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SharedWithMeReport(IReadOnlyList<SharedWithMeRecord> records, IReadOnlyList<ManifestProblem> skipped)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(skipped);
        Records = records;
        Skipped = skipped;
    }

    /// <summary>The records shared with the reader under grants in force.</summary>
    public IReadOnlyList<SharedWithMeRecord> Records { get; }

    /// <summary>The share manifests that could not be used, one each, with the reason.</summary>
    public IReadOnlyList<ManifestProblem> Skipped { get; }

    /// <summary>Whether no manifest was skipped.</summary>
    public bool IsComplete => Skipped.Count == 0;

    /// <inheritdoc/>
    public int Count => Records.Count;

    /// <inheritdoc/>
    public SharedWithMeRecord this[int index] => Records[index];

    /// <inheritdoc/>
    public IEnumerator<SharedWithMeRecord> GetEnumerator() => Records.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
