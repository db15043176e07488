using System.CommandLine;
using System.Globalization;
using System.Numerics;
using MediBloc.Cli.Framework;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Research;

namespace MediBloc.Cli.Commands;

/// <summary>
/// <c>medibloc research …</c>: the researcher's side (search, post, consents, confirm, open, refund) and the patient's
/// (index, requests, consent, release; see <see cref="ResearchPatientCommands"/>).
/// </summary>
[CommandGroup(130)]
public static class ResearchCommand
{
    /// <summary>Creates the <c>research</c> command with its subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var research = new Command("research", "Paid data requests: a researcher searches the opt-in index (no identities), posts a request with MED in escrow, reviews consents and opens what patients release; patients list matching requests, consent and release.");
        research.Subcommands.Add(Search());
        research.Subcommands.Add(Post());
        research.Subcommands.Add(Consents());
        research.Subcommands.Add(Confirm());
        research.Subcommands.Add(Open());
        research.Subcommands.Add(Refund());
        ResearchPatientCommands.AddTo(research);
        ResearchStudyCommands.AddTo(research);
        return research;
    }

    internal static Argument<string> RequestArgument() => new("REQUEST") { Description = "The request id printed by research post." };

    internal static BigInteger ParseRequest(string text) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"'{text}' is not a request id.");

    private static Command Search()
    {
        var codes = new Option<string[]>("--code") { Description = "Codes the records carry (system|code, e.g. http://loinc.org|85354-9).", AllowMultipleArgumentsPerToken = true };
        var contentType = new Option<string>("--content-type") { Description = "The records' content type." };
        var ages = new Option<string[]>("--age-bracket") { Description = "Age brackets (e.g. 40-49).", AllowMultipleArgumentsPerToken = true };
        var regions = new Option<string[]>("--region") { Description = "Regions (ISO 3166 codes).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("search", "Search the opt-in index: de-identified candidates (a handle and metadata; no identity, no CID).") { codes, contentType, ages, regions };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var query = new SearchQuery
            {
                ContentType = session.Parse.GetValue(contentType),
                Codes = session.Parse.GetValue(codes) ?? [],
                AgeBrackets = session.Parse.GetValue(ages) ?? [],
                Regions = session.Parse.GetValue(regions) ?? [],
            };
            var found = new List<CandidateOutput>();
            await foreach (var c in session.Client.GetResearcherClient(session.Identity()).SearchAsync(query, cancellationToken: ct).ConfigureAwait(false))
            {
                found.Add(new CandidateOutput(c.Handle, c.Metadata.ContentType, c.Metadata.Codes, c.Metadata.AgeBracket, c.Metadata.Region));
            }
            return session.Output.Emit(new CandidateList(found), (o, r) =>
            {
                foreach (var c in r.Candidates)
                {
                    o.WriteLine($"{c.Handle} {c.ContentType} {string.Join(',', c.Codes)} {c.AgeBracket} {c.Region}");
                }
            });
        });
        return command;
    }

    private static Command Post()
    {
        var handles = new Option<string[]>("--handle") { Description = "The candidates' handles (from research search).", Required = true, AllowMultipleArgumentsPerToken = true };
        var description = new Option<string>("--description") { Description = "What the data is for.", Required = true };
        var price = new Option<decimal>("--price") { Description = "MED paid per record released.", Required = true };
        var max = new Option<int>("--max") { Description = "The most records to buy (default 1).", DefaultValueFactory = _ => 1 };
        var days = RecordsCommand.DaysOption(7);
        var command = new Command("post", "Post a paid data request to the candidates; price × max MED goes into escrow (the researcher must hold MED).") { handles, description, price, max, days };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var posted = await session.Client.GetResearcherClient(session.Identity()).PostRequestAsync(
                new DataRequestCriteria { Description = session.Parse.GetRequiredValue(description), Handles = session.Parse.GetRequiredValue(handles) },
                FundCommand.ToWei(session.Parse.GetValue(price)), session.Parse.GetValue(max), DateTimeOffset.UtcNow.AddDays(session.Parse.GetValue(days)), ct).ConfigureAwait(false);
            return session.Output.Emit(new PostOutput(posted.RequestId.ToString(CultureInfo.InvariantCulture), FundCommand.ToMed(posted.Escrow), posted.CriteriaCid, posted.TransactionHash, posted.BlockNumber),
                (o, r) => o.WriteLine($"request {r.RequestId}: {r.EscrowMed} MED in escrow"));
        });
        return command;
    }

    private static Command Consents()
    {
        var request = RequestArgument();
        var command = new Command("consents", "The consents patients gave to a request, to review (handles and metadata only).") { request };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var list = new List<ConsentOutput>();
            await foreach (var c in session.Client.GetResearcherClient(session.Identity()).ListConsentsAsync(ParseRequest(session.Parse.GetRequiredValue(request)), ct).ConfigureAwait(false))
            {
                list.Add(new ConsentOutput(c.Handle, c.Status.ToString(), c.ReviewEndsAt));
            }
            return session.Output.Emit(new ConsentList(list), (o, r) =>
            {
                foreach (var c in r.Consents)
                {
                    o.WriteLine($"{c.Handle} {c.Status} review ends {c.ReviewEndsAt:u}");
                }
            });
        });
        return command;
    }

    private static Command Confirm()
    {
        var request = RequestArgument();
        var handles = new Option<string[]>("--handle") { Description = "The consents to accept (default: every pending one).", AllowMultipleArgumentsPerToken = true };
        var reject = new Option<bool>("--reject") { Description = "Reject the given consents instead." };
        var command = new Command("confirm", "Accept (or --reject) consents after review; accepted patients can then release their keys and be paid.") { request, handles, reject };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var researcher = session.Client.GetResearcherClient(session.Identity());
            var id = ParseRequest(session.Parse.GetRequiredValue(request));
            var chosen = session.Parse.GetValue(handles)?.ToList() ?? [];
            if (chosen.Count == 0)
            {
                await foreach (var c in researcher.ListConsentsAsync(id, ct).ConfigureAwait(false))
                {
                    if (c.Status == DataConsentStatus.Pending)
                    {
                        chosen.Add(c.Handle);
                    }
                }
            }
            if (chosen.Count == 0)
            {
                throw new UsageException("No pending consents to confirm.");
            }
            var result = session.Parse.GetValue(reject)
                ? await researcher.RejectConsentsAsync(id, chosen, ct).ConfigureAwait(false)
                : await researcher.AcceptConsentsAsync(id, chosen, ct).ConfigureAwait(false);
            return session.Output.Emit(new ConfirmOutput(chosen, session.Parse.GetValue(reject) ? "rejected" : "accepted", result.TransactionHash),
                (o, r) => o.WriteLine($"{r.Decision} {r.Handles.Count} consent(s)"));
        });
        return command;
    }

    private static Command Open()
    {
        var request = RequestArgument();
        var outDir = new Option<string>("--out-dir") { Description = "The folder to write the released records into (owner-only; HANDLE files).", Required = true };
        var command = new Command("open", "Open every record released to a request and write it into --out-dir.") { request, outDir };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var researcher = session.Client.GetResearcherClient(session.Identity());
            var folder = session.Parse.GetRequiredValue(outDir);
            Sdk.Internal.PrivateFiles.CreateFolder(folder);
            var releases = new List<Sdk.Contracts.DataMarket.KeyRelease>();
            await foreach (var release in researcher.ListDeliveriesAsync(ParseRequest(session.Parse.GetRequiredValue(request)), ct).ConfigureAwait(false))
            {
                releases.Add(release);
            }
            var opened = new List<ResearchRecordOutput>();
            using (var progress = session.Output.Progress("Opening released records", releases.Count))
            {
                foreach (var release in releases)
                {
                    var record = await researcher.OpenAsync(release, ct).ConfigureAwait(false);
                    var path = Path.Combine(folder, SafeFileName(record.Handle));
                    RecordsCommand.WriteOpened(path, force: false, record.Content);
                    opened.Add(new ResearchRecordOutput(record.Handle, record.Cid.ToString(), record.ContentType, record.Content.Length, path));
                    progress.Advance(record.Handle);
                }
            }
            return session.Output.Emit(new ResearchRecordList(opened), (o, r) =>
            {
                foreach (var x in r.Records)
                {
                    o.WriteLine($"{x.Handle} {x.ContentType} {x.Bytes} bytes -> {x.Path}");
                }
            });
        });
        return command;
    }

    private static Command Refund()
    {
        var request = RequestArgument();
        var command = new Command("refund", "After the deadline: take back the escrow not paid out.") { request };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var payment = await session.Client.GetResearcherClient(session.Identity()).RefundAsync(ParseRequest(session.Parse.GetRequiredValue(request)), ct).ConfigureAwait(false);
            return session.Output.Emit(new RefundOutput(FundCommand.ToMed(payment.Amount), payment.TransactionHash), (o, r) => o.WriteLine($"refunded {r.AmountMed} MED"));
        });
        return command;
    }

    private static string SafeFileName(string handle) =>
        string.Concat(handle.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    internal sealed record CandidateOutput(string Handle, string ContentType, IReadOnlyList<string> Codes, string? AgeBracket, string? Region);

    internal sealed record CandidateList(IReadOnlyList<CandidateOutput> Candidates);

    internal sealed record PostOutput(string RequestId, decimal EscrowMed, string CriteriaCid, string TransactionHash, long BlockNumber);

    internal sealed record ConsentOutput(string Handle, string Status, DateTimeOffset ReviewEndsAt);

    internal sealed record ConsentList(IReadOnlyList<ConsentOutput> Consents);

    internal sealed record ConfirmOutput(IReadOnlyList<string> Handles, string Decision, string TransactionHash);

    internal sealed record ResearchRecordOutput(string Handle, string Cid, string ContentType, int Bytes, string Path);

    internal sealed record ResearchRecordList(IReadOnlyList<ResearchRecordOutput> Records);

    internal sealed record RefundOutput(decimal AmountMed, string TransactionHash);
}
