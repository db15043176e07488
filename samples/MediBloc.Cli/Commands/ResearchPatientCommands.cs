using System.CommandLine;
using System.Globalization;
using MediBloc.Cli.Framework;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Research;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc research index|requests|consent|release</c>: the patient's side of paid data requests.</summary>
internal static class ResearchPatientCommands
{
    public static void AddTo(Command research)
    {
        research.Subcommands.Add(Index());
        research.Subcommands.Add(Requests());
        research.Subcommands.Add(Consent());
        research.Subcommands.Add(Release());
    }

    private static Option<string> RelayerOption() =>
        new("--relayer") { Description = "Who sends the transaction and pays its gas (a key name), so your own account stays unlinked; default your own account." };

    private static Secp256k1PrivateKey? Relayer(CliSession session, Option<string> relayer)
    {
        if (session.Parse.GetValue(relayer) is not { } name)
        {
            return null;
        }
        var path = session.State.KeystorePath(name);
        return File.Exists(path) ? Passwords.OpenKeyStore(path) : throw new UsageException($"No key named {name} in {session.State.Keys}.");
    }

    private static Command Index()
    {
        var cid = new Argument<string>("CID") { Description = "One of your records." };
        var codes = new Option<string[]>("--code") { Description = "Codes to list it under (system|code).", AllowMultipleArgumentsPerToken = true };
        var age = new Option<int?>("--age") { Description = "Your age (listed as a bracket only)." };
        var region = new Option<string>("--region") { Description = "Your region (ISO 3166 code)." };
        var relayer = RelayerOption();
        var command = new Command("index", "Opt a record in to the research search index under de-identified metadata (a handle; no identity, no CID).") { cid, codes, age, region, relayer };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var patient = session.Client.GetPatientClient(session.Identity());
            var wanted = RecordsCommand.ParseCid(session.Parse.GetRequiredValue(cid));
            var record = (await patient.ListMyRecordsAsync(ct).ConfigureAwait(false)).FirstOrDefault(r => r.Cid == wanted)
                ?? throw new UsageException($"{wanted} is not one of your anchored records.");
            var metadata = new SearchMetadata(record.ContentType, session.Parse.GetValue(codes) ?? [],
                session.Parse.GetValue(age) is { } years ? SearchMetadata.AgeBracketOf(years) : null, session.Parse.GetValue(region));
            using var submitter = Relayer(session, relayer);
            var listing = await patient.Research.PublishToSearchIndexAsync(record.Commitment, metadata, submitter, ct).ConfigureAwait(false);
            return session.Output.Emit(new ListingOutput(listing.Handle, listing.Commitment.ToString(), listing.Status.ToString()), (o, r) => o.WriteLine($"listed as {r.Handle}"));
        });
        return command;
    }

    private static Command Requests()
    {
        var command = new Command("requests", "Data requests that name your indexed records.");
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var list = new List<MatchingOutput>();
            await foreach (var m in session.Client.GetPatientClient(session.Identity()).Research.GetMatchingDataRequestsAsync(0, ct).ConfigureAwait(false))
            {
                list.Add(new MatchingOutput(m.Request.RequestId.ToString(CultureInfo.InvariantCulture), m.Criteria.Description, FundCommand.ToMed(m.Request.PricePerRecord),
                    m.Request.Deadline, [.. m.Commitments.Select(c => c.ToString())]));
            }
            return session.Output.Emit(new MatchingList(list), (o, r) =>
            {
                foreach (var m in r.Requests)
                {
                    o.WriteLine($"request {m.RequestId}: {m.PriceMed} MED per record until {m.Deadline:u}, {m.Commitments.Count} of your records — {m.Description}");
                }
            });
        });
        return command;
    }

    private static Command Consent()
    {
        var request = ResearchCommand.RequestArgument();
        var relayer = RelayerOption();
        var command = new Command("consent", "Consent to a request for each of your records it names (signed by the record's index entry key; paid to a fresh address).") { request, relayer };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var patient = session.Client.GetPatientClient(session.Identity());
            var match = await FindAsync(patient, ResearchCommand.ParseRequest(session.Parse.GetRequiredValue(request)), ct).ConfigureAwait(false);
            using var submitter = Relayer(session, relayer);
            var results = new List<ConsentGiven>();
            foreach (var commitment in match.Commitments)
            {
                var r = await patient.Research.ConsentToDataRequestAsync(match.Request.RequestId, commitment, submitter, ct).ConfigureAwait(false);
                results.Add(new ConsentGiven(r.Commitment.ToString(), r.Handle, r.Payee.ToString(), r.TransactionHash));
            }
            SaveConsented(session, patient.Address, match.Request.RequestId, [.. results.Select(r => r.Commitment)]);
            return session.Output.Emit(new ConsentGivenList(results), (o, r) =>
            {
                foreach (var c in r.Consents)
                {
                    o.WriteLine($"consented {c.Handle}, payee {c.Payee}");
                }
            });
        });
        return command;
    }

    private static Command Release()
    {
        var request = ResearchCommand.RequestArgument();
        var relayer = RelayerOption();
        var commitments = new Option<string[]>("--commitment") { Description = "The records' commitments (default: those research consent recorded in the state folder).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("release", "After the researcher accepted your consents: release the records' keys to the researcher and be paid.") { request, relayer, commitments };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var patient = session.Client.GetPatientClient(session.Identity());
            var id = ResearchCommand.ParseRequest(session.Parse.GetRequiredValue(request));
            var given = session.Parse.GetValue(commitments) is { Length: > 0 } listed ? listed : LoadConsented(session, patient.Address, id);
            using var submitter = Relayer(session, relayer);
            var released = new List<ReleaseOutput>();
            foreach (var commitment in given.Select(Commitment.Parse))
            {
                var r = await patient.Research.ReleaseDataRequestKeyAsync(id, commitment, submitter, ct).ConfigureAwait(false);
                released.Add(new ReleaseOutput(r.Commitment.ToString(), r.Payee.ToString(), FundCommand.ToMed(r.Amount), r.TransactionHash));
            }
            return session.Output.Emit(new ReleaseList(released), (o, r) =>
            {
                foreach (var x in r.Releases)
                {
                    o.WriteLine($"released {x.Commitment}: {x.AmountMed} MED to {x.Payee}");
                }
            });
        });
        return command;
    }

    private static async Task<MatchingDataRequest> FindAsync(Sdk.Roles.Patient.PatientClient patient, System.Numerics.BigInteger id, CancellationToken ct)
    {
        await foreach (var m in patient.Research.GetMatchingDataRequestsAsync(0, ct).ConfigureAwait(false))
        {
            if (m.Request.RequestId == id)
            {
                return m;
            }
        }
        throw new UsageException($"Request {id} names none of your indexed records (see research requests).");
    }

    /// <summary>The commitments consented to a request, kept in <c>research/REQUEST-ADDRESS.json</c> of the state folder for research release.</summary>
    private static void SaveConsented(CliSession session, EvmAddress patient, System.Numerics.BigInteger request, IReadOnlyList<string> commitments)
    {
        var folder = Path.Combine(session.State.Root, "research");
        Sdk.Internal.PrivateFiles.CreateFolder(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{request}-{patient}.json"));
        var all = File.Exists(path) ? [.. LoadConsented(session, patient, request), .. commitments] : commitments;
        Sdk.Internal.PrivateFiles.WriteAtomically(path, overwrite: true, s => { System.Text.Json.JsonSerializer.Serialize(s, all.Distinct().ToList(), CliJson.Indented); return 0; });
    }

    private static IReadOnlyList<string> LoadConsented(CliSession session, EvmAddress patient, System.Numerics.BigInteger request)
    {
        var path = Path.Combine(session.State.Root, "research", string.Create(CultureInfo.InvariantCulture, $"{request}-{patient}.json"));
        return File.Exists(path)
            ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(File.ReadAllText(path)) ?? []
            : throw new UsageException($"No consent to request {request} recorded in this state folder; give --commitment.");
    }

    internal sealed record ListingOutput(string Handle, string Commitment, string Status);

    internal sealed record MatchingOutput(string RequestId, string Description, decimal PriceMed, DateTimeOffset Deadline, IReadOnlyList<string> Commitments);

    internal sealed record MatchingList(IReadOnlyList<MatchingOutput> Requests);

    internal sealed record ConsentGiven(string Commitment, string Handle, string Payee, string TransactionHash);

    internal sealed record ConsentGivenList(IReadOnlyList<ConsentGiven> Consents);

    internal sealed record ReleaseOutput(string Commitment, string Payee, decimal AmountMed, string TransactionHash);

    internal sealed record ReleaseList(IReadOnlyList<ReleaseOutput> Releases);
}
