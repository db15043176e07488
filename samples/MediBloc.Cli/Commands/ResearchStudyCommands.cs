using System.CommandLine;
using System.Globalization;
using System.Numerics;
using MediBloc.Cli.Framework;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Fhir;

namespace MediBloc.Cli.Commands;

/// <summary>
/// <c>medibloc research study post|list|count</c> (a researcher posts a FHIR <c>ResearchStudy</c> with eligibility
/// criteria; anyone lists open studies; counts of interested and enrolled patients) and <c>research eligibility|enrol|withdraw</c>
/// (a patient evaluates eligibility privately against their own records, enrols with a signed consent, withdraws).
/// </summary>
internal static class ResearchStudyCommands
{
    internal static void AddTo(Command research)
    {
        var study = new Command("study", "Clinical-trial recruitment: post a FHIR ResearchStudy with eligibility criteria, list open studies, read the counts.");
        study.Subcommands.Add(Post());
        study.Subcommands.Add(List());
        study.Subcommands.Add(Count());
        study.Subcommands.Add(Close());
        study.Subcommands.Add(Subjects());
        research.Subcommands.Add(study);
        research.Subcommands.Add(Eligibility());
        research.Subcommands.Add(Enrol());
        research.Subcommands.Add(Withdraw());
    }

    private static Argument<string> StudyArgument() => new("STUDY") { Description = "The study id printed by research study post or list." };

    private static BigInteger ParseStudy(string text) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"'{text}' is not a study id.");

    private static async Task<TrialStudy> OpenStudyAsync(CliSession session, MediBlocSigner reader, string id, CancellationToken ct) =>
        await new ClinicalTrialClient(session.Client).GetStudyAsync(reader, ParseStudy(id), ct).ConfigureAwait(false)
        ?? throw new UsageException($"No study {id} on this chain; list them with medibloc research study list.");

    private static Command Post()
    {
        var input = new Option<string>("--in") { Description = "The FHIR ResearchStudy (JSON) with its eligibility criteria; it is public, so it must hold no PHI.", Required = true };
        var command = new Command("post", "Researcher: post a study (its criteria are checked first; a study patients' apps could not evaluate is refused before anything is sent).") { input };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var json = System.Text.Encoding.UTF8.GetString(RecordsCommand.ReadInput(session.Parse.GetRequiredValue(input)));
            var posted = await new ClinicalTrialClient(session.Client)
                .PostStudyAsync(new LocalKeySigner(session.Identity()), ResearchStudyEligibility.ParseStudy(json), ct).ConfigureAwait(false);
            return session.Output.Emit(new PostedOutput(posted.StudyId.ToString(CultureInfo.InvariantCulture), posted.DocumentCid, posted.TransactionHash, posted.BlockNumber),
                (o, r) => o.WriteLine($"study {r.StudyId} posted, document {r.DocumentCid}, tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "The open studies whose criteria this tool can evaluate, oldest first.");
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var studies = new List<StudyOutput>();
            await foreach (var s in new ClinicalTrialClient(session.Client).ListOpenStudiesAsync(new LocalKeySigner(session.IdentityOrDev()), ct).ConfigureAwait(false))
            {
                studies.Add(StudyOutput.From(s));
            }
            return session.Output.Emit(new StudyList(studies), (o, r) =>
            {
                foreach (var s in r.Studies)
                {
                    o.WriteLine($"{s.StudyId} {s.Title} (by {s.Researcher}; {s.Criteria} criteria; interested {s.Interested}, enrolled {s.Enrolled})");
                }
            });
        });
        return command;
    }

    private static Command Count()
    {
        var id = StudyArgument();
        var command = new Command("count", "How many patients signalled interest and how many are enrolled (counts only; no identities).") { id };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var study = await session.Client.GetResearcherClient(session.IdentityOrDev()).GetStudyAsync(ParseStudy(session.Parse.GetRequiredValue(id)), ct).ConfigureAwait(false)
                ?? throw new UsageException($"No study {session.Parse.GetRequiredValue(id)} on this chain.");
            return session.Output.Emit(new CountOutput(study.StudyId.ToString(CultureInfo.InvariantCulture), study.Status.ToString(), study.InterestedCount, study.EnrolledCount),
                (o, r) => o.WriteLine($"study {r.StudyId} {r.Status}: interested {r.Interested}, enrolled {r.Enrolled}"));
        });
        return command;
    }

    private static Command Close()
    {
        var id = StudyArgument();
        var command = new Command("close", "Researcher: close your study (no more interest or enrolments; enrolled patients stay until they withdraw).") { id };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var studyId = ParseStudy(session.Parse.GetRequiredValue(id));
            var result = await session.Client.GetResearcherClient(session.Identity()).CloseStudyAsync(studyId, ct).ConfigureAwait(false);
            return session.Output.Emit(new ClosedOutput(studyId.ToString(CultureInfo.InvariantCulture), result.TransactionHash),
                (o, r) => o.WriteLine($"study {r.StudyId} closed, tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command Subjects()
    {
        var id = StudyArgument();
        var command = new Command("subjects", "Researcher: the study's enrolments (patient, status, consent) with the ResearchSubject and the records each shared for research under grants still in force.") { id };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var signer = new LocalKeySigner(session.Identity());
            var study = await OpenStudyAsync(session, signer, session.Parse.GetRequiredValue(id), ct).ConfigureAwait(false);
            var subjects = new List<SubjectOutput>();
            await foreach (var s in new ClinicalTrialClient(session.Client).ListSubjectsAsync(signer, study, ct).ConfigureAwait(false))
            {
                subjects.Add(new SubjectOutput(s.Enrolment.Patient.ToString(), s.Enrolment.Status.ToString(), s.Enrolment.ConsentDigest, s.Subject?.Status?.ToString(),
                    [.. s.Records.Select(r => r.Cid.ToString())]));
            }
            return session.Output.Emit(new SubjectList(study.Published.Study.StudyId.ToString(CultureInfo.InvariantCulture), subjects), (o, r) =>
            {
                foreach (var s in r.Subjects)
                {
                    o.WriteLine($"{s.Patient} {s.Status}: {s.Records.Count} record(s) shared for research");
                }
            });
        });
        return command;
    }

    private static Command Eligibility()
    {
        var id = StudyArgument();
        var interest = new Option<bool>("--signal-interest") { Description = "If eligible, signal anonymous interest on chain (the researcher sees only a count)." };
        var command = new Command("eligibility", "Patient: evaluate a study's criteria against your own records, on this machine (nothing is sent unless --signal-interest and eligible).") { id, interest };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var signer = new LocalKeySigner(session.Identity());
            var trials = new ClinicalTrialClient(session.Client);
            var study = await OpenStudyAsync(session, signer, session.Parse.GetRequiredValue(id), ct).ConfigureAwait(false);
            var result = await trials.EvaluateAsync(signer, study, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
            string? interestTx = null;
            if (result.IsEligible && session.Parse.GetValue(interest))
            {
                interestTx = (await session.Client.GetPatientClient(session.Identity()).Research
                    .SignalStudyInterestAsync(study.Published.Study.StudyId, cancellationToken: ct).ConfigureAwait(false)).TransactionHash;
            }
            var outcomes = result.Outcomes.Select(o => new OutcomeOutput(o.Criterion.ToString(), o.Satisfied, o.Reason)).ToList();
            return session.Output.Emit(new EligibilityOutput(study.Published.Study.StudyId.ToString(CultureInfo.InvariantCulture), result.IsEligible, outcomes, interestTx),
                (o, r) =>
                {
                    o.WriteLine($"study {r.StudyId}: {(r.Eligible ? "eligible" : "not eligible")}{(r.InterestTransactionHash is null ? string.Empty : ", interest signalled")}");
                    foreach (var c in r.Criteria)
                    {
                        o.WriteLine($"  {(c.Satisfied ? "met    " : "not met")} {c.Criterion}");
                    }
                });
        });
        return command;
    }

    private static Command Enrol()
    {
        var id = StudyArgument();
        var days = RecordsCommand.DaysOption(365);
        var command = new Command("enrol", "Patient: enrol (a signed research consent on chain; the consent and an on-study ResearchSubject are published and shared with the researcher for research).") { id, days };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var signer = new LocalKeySigner(session.Identity());
            var trials = new ClinicalTrialClient(session.Client);
            var study = await OpenStudyAsync(session, signer, session.Parse.GetRequiredValue(id), ct).ConfigureAwait(false);
            var enrolment = await trials.EnrolAsync(signer, study, [], DateTimeOffset.UtcNow.AddDays(session.Parse.GetValue(days)), ct).ConfigureAwait(false);
            var chain = enrolment.Chain;
            return session.Output.Emit(new EnrolOutput(chain.StudyId.ToString(CultureInfo.InvariantCulture), chain.ConsentDigest, [.. chain.Shares.Select(s => s.GrantId)], chain.Enrolment.TransactionHash),
                (o, r) => o.WriteLine($"enrolled in study {r.StudyId}: consent {r.ConsentDigest}, {r.GrantIds.Count} research grant(s), tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command Withdraw()
    {
        var id = StudyArgument();
        var command = new Command("withdraw", "Patient: withdraw from a study (signed withdrawal on chain; the research grants are revoked).") { id };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var signer = new LocalKeySigner(session.Identity());
            var study = await OpenStudyAsync(session, signer, session.Parse.GetRequiredValue(id), ct).ConfigureAwait(false);
            var withdrawal = await new ClinicalTrialClient(session.Client).WithdrawAsync(signer, study, ct).ConfigureAwait(false);
            var chain = withdrawal.Chain;
            return session.Output.Emit(new WithdrawOutput(chain.StudyId.ToString(CultureInfo.InvariantCulture), chain.RevokedGrantIds, chain.Withdrawal.TransactionHash),
                (o, r) => o.WriteLine($"withdrew from study {r.StudyId}: {r.RevokedGrantIds.Count} grant(s) revoked, tx {r.TransactionHash}"));
        });
        return command;
    }

    internal sealed record PostedOutput(string StudyId, string DocumentCid, string TransactionHash, long BlockNumber);

    internal sealed record StudyOutput(string StudyId, string Title, string Researcher, int Criteria, int Interested, int Enrolled)
    {
        public static StudyOutput From(TrialStudy s) => new(s.Published.Study.StudyId.ToString(CultureInfo.InvariantCulture), s.ResearchStudy.Title ?? string.Empty,
            s.Published.Study.Researcher.ToString(), s.Criteria.Count, s.Published.Study.InterestedCount, s.Published.Study.EnrolledCount);
    }

    internal sealed record StudyList(IReadOnlyList<StudyOutput> Studies);

    internal sealed record CountOutput(string StudyId, string Status, int Interested, int Enrolled);

    internal sealed record OutcomeOutput(string Criterion, bool Satisfied, string Reason);

    internal sealed record EligibilityOutput(string StudyId, bool Eligible, IReadOnlyList<OutcomeOutput> Criteria, string? InterestTransactionHash);

    internal sealed record EnrolOutput(string StudyId, string ConsentDigest, IReadOnlyList<string> GrantIds, string TransactionHash);

    internal sealed record ClosedOutput(string StudyId, string TransactionHash);

    internal sealed record SubjectOutput(string Patient, string Status, string ConsentDigest, string? SubjectStatus, IReadOnlyList<string> Records);

    internal sealed record SubjectList(string StudyId, IReadOnlyList<SubjectOutput> Subjects);

    internal sealed record WithdrawOutput(string StudyId, IReadOnlyList<string> RevokedGrantIds, string TransactionHash);
}
