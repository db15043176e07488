using MediBloc.Fuzz.Targets;

namespace MediBloc.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    /// <summary>The targets, in the order <c>fuzz/run --list</c> prints them.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        .. EnvelopeTargets.All,
        .. ContentAddressingTargets.All,
        .. DocumentTargets.All,
        .. KuboTargets.All,
        .. KeyEscrowTargets.All,
    ];

    /// <summary>The target of a name.</summary>
    /// <param name="name">The target's name.</param>
    /// <returns>The target, or null when there is none of that name.</returns>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
