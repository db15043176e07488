using System.CommandLine;
using MediBloc.Cli.Framework;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc chain info|advance</c>: where the tool runs, and (embedded only) moving the chain's clock.</summary>
[CommandGroup(70)]
public static class ChainCommand
{
    /// <summary>Creates the <c>chain</c> command with its subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var chain = new Command("chain", "The chain the tool runs on: its deployment and latest block; on the embedded chain, move the clock.");
        var info = new Command("info", "Print the chain id, latest block, contract addresses and where the state is kept.");
        CommandRunner.SetChainAction(info, (session, _) =>
        {
            var d = session.Deployment;
            var result = new InfoOutput(session.Embedded ? "embedded" : session.RpcUrl!.ToString(), session.State.Root, d.ChainId, session.Chain?.BlockNumber, d);
            return Task.FromResult(session.Output.Emit(result, (o, r) =>
            {
                o.WriteLine($"chain {r.Chain} (id {r.ChainId}){(r.BlockNumber is { } n ? $", block {n}" : string.Empty)}");
                o.WriteLine($"state {r.State}");
                o.WriteLine($"record registry {r.Deployment.RecordRegistryAddress}");
            }));
        });
        chain.Subcommands.Add(info);

        var days = new Option<double>("--days") { Description = "How far to move the clock.", Required = true };
        var advance = new Command("advance", "Embedded chain only: move the clock forward and mine a block (deadlines, expiries).") { days };
        CommandRunner.SetChainAction(advance, (session, _) =>
        {
            var chain = session.Chain ?? throw new UsageException("chain advance works on the embedded chain only.");
            chain.IncreaseTime(TimeSpan.FromDays(session.Parse.GetValue(days)));
            var block = chain.Mine();
            return Task.FromResult(session.Output.Emit(new AdvanceOutput(block, (long)chain.GetBlock(block)!.Timestamp.Value), (o, r) => o.WriteLine($"block {r.BlockNumber} at {DateTimeOffset.FromUnixTimeSeconds(r.Timestamp):u}")));
        });
        chain.Subcommands.Add(advance);
        return chain;
    }

    internal sealed record InfoOutput(string Chain, string State, long ChainId, long? BlockNumber, Sdk.MediBlocDeployment Deployment);

    internal sealed record AdvanceOutput(long BlockNumber, long Timestamp);
}
