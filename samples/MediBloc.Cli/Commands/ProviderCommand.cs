using System.CommandLine;
using MediBloc.Cli.Framework;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc provider list|open|write</c>: a certified provider's side (acts as <c>--as/--key</c>).</summary>
[CommandGroup(110)]
public static class ProviderCommand
{
    /// <summary>Creates the <c>provider</c> command with its subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var provider = new Command("provider", "A provider's side: records shared with me, open one for a purpose (audited), write into a patient's record.");
        provider.Subcommands.Add(List());
        provider.Subcommands.Add(Open());
        provider.Subcommands.Add(Write());
        return provider;
    }

    private static Command List()
    {
        var command = new Command("list", "The records patients shared with you, under live grants.");
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var shared = new List<SharedOutput>();
            await foreach (var r in session.Client.GetProviderClient(session.Identity()).ListSharedWithMeAsync(ct).ConfigureAwait(false))
            {
                shared.Add(new SharedOutput(r.Owner.ToString(), r.Cid.ToString(), r.ContentType, r.Purpose, r.GrantId, r.ExpiresAt));
            }
            return session.Output.Emit(new SharedList(shared), (o, r) =>
            {
                foreach (var x in r.Records)
                {
                    o.WriteLine($"{x.Cid} {x.ContentType} from {x.Owner} for {x.Purpose} until {x.ExpiresAt:u}");
                }
            });
        });
        return command;
    }

    private static Command Open()
    {
        var cid = new Argument<string>("CID") { Description = "The record's CID." };
        var purpose = RecordsCommand.PurposeOption();
        var output = new Option<string>("--out") { Description = "Where to write the plaintext (owner-only; must not exist unless --force).", Required = true };
        var force = KeyCommand.ForceOption();
        var command = new Command("open", "Open a patient's record for a purpose: the grant is checked on chain and the read is logged for the patient's audit.") { cid, purpose, output, force };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var opened = await session.Client.GetProviderClient(session.Identity())
                .OpenAsync(RecordsCommand.ParseCid(session.Parse.GetRequiredValue(cid)), session.Parse.GetRequiredValue(purpose), ct).ConfigureAwait(false);
            RecordsCommand.WriteOpened(session.Parse.GetRequiredValue(output), session.Parse.GetValue(force), opened.Content);
            return session.Output.Emit(RecordsCommand.OpenedOutput.From(opened), (o, r) => o.WriteLine($"{r.ContentType} {r.Bytes} bytes of {r.Owner}'s record, commitment {r.Commitment} verified"));
        });
        return command;
    }

    private static Command Write()
    {
        var patient = new Option<string>("--patient") { Description = "The patient (a key name or public key); they must have consented (records allow-write).", Required = true };
        var input = new Option<string>("--in") { Description = "The record to write.", Required = true };
        var contentType = RecordsCommand.ContentTypeOption();
        var purpose = RecordsCommand.PurposeOption();
        var command = new Command("write", "Write a record into a patient's record under their write consent: sealed to the patient, owned by the patient, authored by you.") { patient, input, contentType, purpose };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var written = await session.Client.GetProviderClient(session.Identity()).WriteRecordAsync(
                session.PublicKeyOf(session.Parse.GetRequiredValue(patient)), RecordsCommand.ReadInput(session.Parse.GetRequiredValue(input)),
                session.Parse.GetRequiredValue(contentType), session.Parse.GetRequiredValue(purpose), ct).ConfigureAwait(false);
            return session.Output.Emit(new WrittenOutput(written.Cid.ToString(), written.Commitment.ToString(), written.RecordId.ToString(), written.TransactionHash),
                (o, r) => o.WriteLine($"{r.Cid} written, record {r.RecordId} tx {r.TransactionHash}"));
        });
        return command;
    }

    internal sealed record SharedOutput(string Owner, string Cid, string ContentType, string Purpose, string GrantId, DateTimeOffset ExpiresAt);

    internal sealed record SharedList(IReadOnlyList<SharedOutput> Records);

    internal sealed record WrittenOutput(string Cid, string Commitment, string RecordId, string TransactionHash);
}
