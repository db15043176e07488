using System.CommandLine;
using MediBloc.Cli.Framework;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc records publish|list|share|revoke|allow-write|open|audit|import-device</c>: the patient's side of the record (acts as <c>--as/--key</c>).</summary>
[CommandGroup(100)]
public static class RecordsCommand
{
    /// <summary>The purpose used when <c>--purpose</c> is not given: treatment.</summary>
    internal const string DefaultPurpose = "TREAT";

    /// <summary>Creates the <c>records</c> command with its subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var records = new Command("records", "The patient's records: publish (seal, store, anchor), list, share with a provider, revoke, open, audit, import device data.");
        records.Subcommands.Add(Publish());
        records.Subcommands.Add(List());
        records.Subcommands.Add(Share());
        records.Subcommands.Add(Revoke());
        records.Subcommands.Add(AllowWrite());
        records.Subcommands.Add(Open());
        records.Subcommands.Add(Audit());
        records.Subcommands.Add(DeviceImportCommand.Create());
        return records;
    }

    internal static Option<string> ContentTypeOption(string defaultValue = "application/fhir+json") =>
        new("--content-type") { Description = $"The records' content type (default {defaultValue}).", DefaultValueFactory = _ => defaultValue };

    internal static Option<string> PurposeOption() =>
        new("--purpose") { Description = $"The purpose of use: TREAT, ETREAT, HRESCH … (default {DefaultPurpose}).", DefaultValueFactory = _ => DefaultPurpose };

    internal static Option<int> DaysOption(int days) =>
        new("--days") { Description = $"How many days it lasts (default {days}).", DefaultValueFactory = _ => days };

    internal static byte[] ReadInput(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"The input file {path} does not exist.");
        }
        return File.ReadAllBytes(path);
    }

    /// <summary>Writes opened content owner-only to <paramref name="path"/> (refusing to replace a file unless <paramref name="force"/>).</summary>
    internal static void WriteOpened(string path, bool force, ReadOnlyMemory<byte> content)
    {
        OutputFile.Check(path, force, []);
        OutputFile.Write(path, force, [], stream =>
        {
            stream.Write(content.Span);
            return 0;
        });
    }

    private static Command Publish()
    {
        var input = new Option<string[]>("--in") { Description = "The file(s) to publish, one record each.", Required = true, AllowMultipleArgumentsPerToken = true };
        var contentType = ContentTypeOption();
        var shareWith = new Option<string[]>("--share-with") { Description = "Also seal to these readers (key names or public keys).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("publish", "Seal files to yourself (and --share-with readers), store them, and anchor their commitments on chain. Publishes left in the outbox by an interrupted run are finished first.") { input, contentType, shareWith };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var files = session.Parse.GetRequiredValue(input);
            var contents = files.Select(ReadInput).ToList();
            var readers = (session.Parse.GetValue(shareWith) ?? []).Select(session.PublicKeyOf).ToList();
            var patient = session.Client.GetPatientClient(session.Identity());
            var resumed = await patient.ResumePendingAsync(ct).ConfigureAwait(false);
            var published = new List<PublishedResult>();
            using (var progress = session.Output.Progress("Publishing", files.Length))
            {
                for (var i = 0; i < files.Length; i++)
                {
                    var record = await patient.PublishAsync(contents[i], session.Parse.GetRequiredValue(contentType), readers, ct).ConfigureAwait(false);
                    published.Add(PublishedResult.From(record));
                    progress.Advance(Path.GetFileName(files[i]));
                }
            }
            return session.Output.Emit(new PublishResult(published, [.. resumed.Select(PublishedResult.From)]), (o, r) =>
            {
                foreach (var p in r.Resumed)
                {
                    o.WriteLine($"resumed {p.Cid} tx {p.TransactionHash}");
                }
                foreach (var p in r.Records)
                {
                    o.WriteLine($"{p.Cid} {p.ContentType} block {p.BlockNumber} tx {p.TransactionHash}");
                }
            });
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List your anchored records with who can read each.");
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var mine = await session.Client.GetPatientClient(session.Identity()).ListMyRecordsAsync(ct).ConfigureAwait(false);
            var listed = mine.Select(r => new ListedRecord(r.Cid.ToString(), r.Commitment.ToString(), r.ContentType, r.AnchoredAt, r.Author?.ToString(), r.Readers.Count)).ToList();
            return session.Output.Emit(new RecordList(listed), (o, r) =>
            {
                foreach (var x in r.Records)
                {
                    o.WriteLine($"{x.Cid} {x.ContentType} anchored {x.AnchoredAt:u} readers {x.Readers}{(x.Author is null ? string.Empty : " author " + x.Author)}");
                }
            });
        });
        return command;
    }

    private static Command Share()
    {
        var with = new Option<string>("--with") { Description = "The reader (a key name or public key).", Required = true };
        var contentType = new Option<string>("--content-type") { Description = "Share only records of this content type (default: all your records)." };
        var purpose = PurposeOption();
        var days = DaysOption(30);
        var command = new Command("share", "Grant a reader access to your records (an EIP-712 grant on chain) and re-wrap their data keys for the reader: the reader opens the shared copies (their CIDs are printed, and listed by provider list).") { with, contentType, purpose, days };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var grantee = session.PublicKeyOf(session.Parse.GetRequiredValue(with));
            var scope = session.Parse.GetValue(contentType) is { } type ? AccessScope.ForContentType(type) : AccessScope.All;
            var expires = DateTimeOffset.UtcNow.AddDays(session.Parse.GetValue(days));
            var share = await session.Client.GetPatientClient(session.Identity()).ShareAsync(grantee, scope, session.Parse.GetRequiredValue(purpose), expires, ct).ConfigureAwait(false);
            var records = share.Records.Select(r => new SharedRecordOutput(r.Cid.ToString(), r.Commitment.ToString(), r.ContentType)).ToList();
            return session.Output.Emit(new ShareOutput(share.GrantId, share.Grantee.ToString(), share.Purpose, share.ExpiresAt, records, share.TransactionHash),
                (o, r) => o.WriteLine($"grant {r.GrantId} to {r.Grantee} for {r.Purpose} until {r.ExpiresAt:u}: {r.Records.Count} record(s)"));
        });
        return command;
    }

    private static Command Revoke()
    {
        var grant = new Argument<string>("GRANT") { Description = "The grant id printed by records share." };
        var command = new Command("revoke", "Revoke a grant on chain: the reader's next open is refused.") { grant };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var id = session.Parse.GetRequiredValue(grant);
            var result = await session.Client.GetPatientClient(session.Identity()).RevokeAsync(id, ct).ConfigureAwait(false);
            return session.Output.Emit(new TransactionOutput(result.TransactionHash, result.BlockNumber), (o, r) => o.WriteLine($"revoked {id} in block {r.BlockNumber} tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command AllowWrite()
    {
        var author = new Option<string>("--author") { Description = "The provider who may write into your record (a key name or address).", Required = true };
        var contentType = ContentTypeOption();
        var purpose = PurposeOption();
        var days = DaysOption(30);
        var command = new Command("allow-write", "Consent to a provider writing records of a content type into your record.") { author, contentType, purpose, days };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var consent = await session.Client.GetPatientClient(session.Identity()).GrantWriteAccessAsync(
                session.AddressOf(session.Parse.GetRequiredValue(author)), AccessScope.ForContentType(session.Parse.GetRequiredValue(contentType)),
                session.Parse.GetRequiredValue(purpose), DateTimeOffset.UtcNow.AddDays(session.Parse.GetValue(days)), ct).ConfigureAwait(false);
            return session.Output.Emit(new WriteConsentOutput(consent.GrantId, consent.Author.ToString(), consent.Purpose, consent.ExpiresAt, consent.TransactionHash),
                (o, r) => o.WriteLine($"write grant {r.GrantId} to {r.Author} for {r.Purpose} until {r.ExpiresAt:u}"));
        });
        return command;
    }

    private static Command Open()
    {
        var cid = new Argument<string>("CID") { Description = "The record's CID." };
        var output = new Option<string>("--out") { Description = "Where to write the plaintext (owner-only; must not exist unless --force).", Required = true };
        var force = KeyCommand.ForceOption();
        var command = new Command("open", "Open one of your records: fetch, check the CID, decrypt, verify the commitment on chain.") { cid, output, force };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var opened = await session.Client.GetProviderClient(session.Identity()).OpenAsync(ParseCid(session.Parse.GetRequiredValue(cid)), ct).ConfigureAwait(false);
            WriteOpened(session.Parse.GetRequiredValue(output), session.Parse.GetValue(force), opened.Content);
            return session.Output.Emit(OpenedOutput.From(opened), (o, r) => o.WriteLine($"{r.ContentType} {r.Bytes} bytes, commitment {r.Commitment} anchored by {r.Owner} at {r.AnchoredAt:u}"));
        });
        return command;
    }

    private static Command Audit()
    {
        var command = new Command("audit", "Your audit trail: every grant, read, write and break-the-glass on your records.");
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var trail = await session.Client.GetPatientClient(session.Identity()).GetAuditTrailAsync(ct).ConfigureAwait(false);
            var entries = trail.Select(e => new AuditOutput(e.Kind.ToString(), e.Actor.ToString(), e.Subject, e.PurposeId, e.At, e.TransactionHash, e.BlockNumber)).ToList();
            return session.Output.Emit(new AuditTrailOutput(entries), (o, r) =>
            {
                foreach (var e in r.Entries)
                {
                    o.WriteLine($"{e.BlockNumber,6} {e.Kind,-14} {e.Actor} {e.Purpose} {e.Subject}");
                }
            });
        });
        return command;
    }

    internal static ContentId ParseCid(string text) =>
        ContentId.TryParse(text, out var cid) ? cid : throw new UsageException($"'{text}' is not a CID.");

    internal sealed record PublishedResult(string Cid, string Commitment, string ContentType, string Owner, string TransactionHash, long BlockNumber)
    {
        public static PublishedResult From(PublishedRecord r) => new(r.Cid.ToString(), r.Commitment.ToString(), r.ContentType, r.Owner.ToString(), r.TransactionHash, r.BlockNumber);
    }

    internal sealed record PublishResult(IReadOnlyList<PublishedResult> Records, IReadOnlyList<PublishedResult> Resumed);

    internal sealed record ListedRecord(string Cid, string Commitment, string ContentType, DateTimeOffset AnchoredAt, string? Author, int Readers);

    internal sealed record RecordList(IReadOnlyList<ListedRecord> Records);

    internal sealed record SharedRecordOutput(string Cid, string Commitment, string ContentType);

    internal sealed record ShareOutput(string GrantId, string Grantee, string Purpose, DateTimeOffset ExpiresAt, IReadOnlyList<SharedRecordOutput> Records, string TransactionHash);

    internal sealed record WriteConsentOutput(string GrantId, string Author, string Purpose, DateTimeOffset ExpiresAt, string TransactionHash);

    internal sealed record TransactionOutput(string TransactionHash, long BlockNumber);

    internal sealed record OpenedOutput(string Cid, string ContentType, string Commitment, string Owner, DateTimeOffset AnchoredAt, int Bytes)
    {
        public static OpenedOutput From(OpenedRecord r) => new(r.Cid.ToString(), r.ContentType, r.Commitment.ToString(), r.Owner.ToString(), r.AnchoredAt, r.Content.Length);
    }

    internal sealed record AuditOutput(string Kind, string Actor, string Subject, string? Purpose, DateTimeOffset? At, string TransactionHash, long BlockNumber);

    internal sealed record AuditTrailOutput(IReadOnlyList<AuditOutput> Entries);
}
