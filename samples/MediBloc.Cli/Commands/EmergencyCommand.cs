using System.CommandLine;
using MediBloc.Cli.Framework;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc emergency profile set|break-glass|open</c>: the vital-info profile and break-the-glass access.</summary>
[CommandGroup(120)]
public static class EmergencyCommand
{
    /// <summary>Creates the <c>emergency</c> command with its subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var emergency = new Command("emergency", "Emergency access: the patient sets a vital-info profile; a certified emergency provider breaks the glass to read it (audited as BTG).");
        var profile = new Command("profile", "The patient's vital-info profile (blood type, allergies …).");
        profile.Subcommands.Add(SetProfile());
        emergency.Subcommands.Add(profile);
        emergency.Subcommands.Add(BreakGlass());
        emergency.Subcommands.Add(OpenAfter());
        return emergency;
    }

    private static Command SetProfile()
    {
        var input = new Option<string>("--in") { Description = "The profile (e.g. a FHIR Bundle).", Required = true };
        var contentType = RecordsCommand.ContentTypeOption();
        var to = new Option<string[]>("--to") { Description = "Emergency readers to seal the profile to (key names or public keys).", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("set", "Publish your vital-info profile, readable by the given emergency providers after a break-the-glass.") { input, contentType, to };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var readers = session.Parse.GetRequiredValue(to).Select(session.PublicKeyOf).ToList();
            var profile = await session.Client.GetPatientClient(session.Identity()).Care.SetEmergencyProfileAsync(
                RecordsCommand.ReadInput(session.Parse.GetRequiredValue(input)), session.Parse.GetRequiredValue(contentType), readers, ct).ConfigureAwait(false);
            return session.Output.Emit(RecordsCommand.PublishedResult.From(profile), (o, r) => o.WriteLine($"profile {r.Cid} tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command BreakGlass()
    {
        var patient = new Argument<string>("PATIENT") { Description = "The patient (a key name or address)." };
        var reason = new Option<string>("--reason") { Description = "Why (recorded on chain for the patient's audit).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the profile (owner-only).", Required = true };
        var force = KeyCommand.ForceOption();
        var command = new Command("break-glass", "Break the glass for a patient (a certified emergency provider only) and open their vital-info profile.") { patient, reason, output, force };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var opened = await session.Client.GetEmergencyClient(session.Identity())
                .BreakTheGlassAsync(session.AddressOf(session.Parse.GetRequiredValue(patient)), session.Parse.GetRequiredValue(reason), cancellationToken: ct).ConfigureAwait(false);
            RecordsCommand.WriteOpened(session.Parse.GetRequiredValue(output), session.Parse.GetValue(force), opened.Content);
            return session.Output.Emit(RecordsCommand.OpenedOutput.From(opened), (o, r) => o.WriteLine($"BTG: {r.ContentType} {r.Bytes} bytes of {r.Owner}'s vital-info profile"));
        });
        return command;
    }

    private static Command OpenAfter()
    {
        var patient = new Argument<string>("PATIENT") { Description = "The patient (a key name or address)." };
        var tx = new Option<string>("--tx") { Description = "The break-the-glass transaction hash.", Required = true };
        var block = new Option<long>("--block") { Description = "Its block number.", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the profile (owner-only).", Required = true };
        var force = KeyCommand.ForceOption();
        var command = new Command("open", "Open the vital-info profile after an earlier break-the-glass (within its window), through the key-release services; only for a profile set with key release (the SDK's EmergencyReleaseOptions), else exit 5.") { patient, tx, block, output, force };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var opened = await session.Client.GetEmergencyClient(session.Identity()).OpenAfterBreakTheGlassAsync(
                session.AddressOf(session.Parse.GetRequiredValue(patient)), session.Parse.GetRequiredValue(tx), session.Parse.GetValue(block), ct).ConfigureAwait(false);
            RecordsCommand.WriteOpened(session.Parse.GetRequiredValue(output), session.Parse.GetValue(force), opened.Content);
            return session.Output.Emit(RecordsCommand.OpenedOutput.From(opened), (o, r) => o.WriteLine($"{r.ContentType} {r.Bytes} bytes of {r.Owner}'s vital-info profile"));
        });
        return command;
    }
}
