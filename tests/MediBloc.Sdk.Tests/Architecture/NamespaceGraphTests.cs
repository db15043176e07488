namespace MediBloc.Sdk.Tests.Architecture;

/// <summary>
/// The MediBloc.Sdk package's layering, checked on its compiled code: contract clients at the bottom, the shared
/// record engine above them, role clients above that, <see cref="MediBlocClient"/> on top — and no loops.
/// </summary>
public sealed class NamespaceGraphTests
{
    private const string Root = "MediBloc.Sdk";

    private static readonly NamespaceGraph Sdk = NamespaceGraph.Of(typeof(MediBlocClient).Assembly);

    [Fact]
    public void The_graph_sees_a_loop_when_there_is_one()
    {
        var graph = NamespaceGraph.Of(typeof(NamespaceGraphTests).Assembly);

        var cycle = Assert.Single(graph.Cycles(), c => c.Any(n => n.EndsWith(".LoopA", StringComparison.Ordinal)));
        Assert.Contains(cycle, n => n.EndsWith(".LoopB", StringComparison.Ordinal));
    }

    [Fact]
    public void The_graph_reads_uses_from_method_bodies()
    {
        // The registry client is used by the roles only inside async methods (compiled into nested state machines).
        Assert.Contains("MediBloc.Sdk.Contracts.RecordRegistry", Sdk.Edges["MediBloc.Sdk.Roles.Provider"].Keys);
        Assert.Contains("MediBloc.Sdk.Records", Sdk.Edges["MediBloc.Sdk.Roles.Patient"].Keys);
    }

    [Fact]
    public void No_namespace_of_the_sdk_uses_another_that_uses_it_back()
    {
        var cycles = Sdk.Cycles();

        Assert.True(cycles.Count == 0, "Namespace loops: " + string.Join("; ", cycles.Select(Describe)));
    }

    [Fact]
    public void Every_namespace_uses_only_its_own_tier_and_those_below()
    {
        var offending = UsesFrom(_ => true).Where(e => Tier(e.To) > Tier(e.From)).ToList();

        Assert.True(offending.Count == 0, "Uses that reach up a tier: " + string.Join("; ", offending));
    }

    /// <summary>
    /// 0: models and helpers every tier may use; 1: the typed contract clients; 2: the record engine the roles share;
    /// 3: the role clients; 4: the client factory (<see cref="MediBlocClient"/>, its options); 5: its DI registration.
    /// </summary>
    private static int Tier(string ns) => ns switch
    {
        Root + ".DependencyInjection" => 5,
        Root => 4,
        _ when ns.StartsWith(Root + ".Roles.", StringComparison.Ordinal) => 3,
        Root + ".Records" or Root + ".Outbox" or Root + ".Sharing" or Root + ".Research" or Root + ".Recovery" or Root + ".Notifications" or Root + ".KeyEscrow" or Root + ".Claims" => 2,
        _ when ns == Root + ".Contracts" || ns.StartsWith(Root + ".Contracts.", StringComparison.Ordinal) => 1,
        Root + ".Batches" or Root + ".Diagnostics" or Root + ".Internal" => 0,
        _ => throw new InvalidOperationException($"Namespace {ns} has no tier: give it one here and in docs/ARCHITECTURE.md."),
    };

    [Fact]
    public void Role_clients_never_use_another_role_or_an_abi_message()
    {
        var offending = UsesFrom(n => n.StartsWith(Root + ".Roles.", StringComparison.Ordinal))
            .Where(e => e.To.StartsWith(Root + ".Roles.", StringComparison.Ordinal) || e.To.EndsWith(".Messages", StringComparison.Ordinal))
            .ToList();

        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }

    private static IEnumerable<(string From, string To, string Example)> UsesFrom(Func<string, bool> from) =>
        Sdk.Edges.Where(e => from(e.Key)).SelectMany(e => e.Value.Select(t => (e.Key, t.Key, t.Value)));

    private static string Describe(List<string> cycle) =>
        string.Join(", ", cycle.SelectMany(a => Sdk.Edges[a].Where(t => cycle.Contains(t.Key)).Select(t => $"{a} -> {t.Key} (in {t.Value})")));
}
