using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Cli.Framework;
using MediBloc.Sdk;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Fhir.Claims;

namespace MediBloc.Cli.Commands;

/// <summary>
/// <c>medibloc claims</c>: an insurer opens, funds and enrols members in a policy whose rules are a JSON file; a patient
/// files a claim built from an encounter bundle's records (published and shared with the insurer for payment); the
/// insurer lists pending claims and adjudicates by the rules (pay or deny); the patient reads the outcome, or withdraws a
/// claim left undecided past the policy's decision window.
/// </summary>
[CommandGroup(140)]
public static class ClaimsCommand
{
    /// <summary>Creates the <c>claims</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var claims = new Command("claims", "Insurance claims: policies with declared rules, claims built from encounter records, adjudication by rule, outcomes.");
        var policy = new Command("policy", "Insurer: open a policy from a rules file, fund its pool, enrol members.");
        policy.Subcommands.Add(Open());
        policy.Subcommands.Add(Fund());
        policy.Subcommands.Add(Enrol());
        claims.Subcommands.Add(policy);
        claims.Subcommands.Add(File());
        claims.Subcommands.Add(Pending());
        claims.Subcommands.Add(Adjudicate());
        claims.Subcommands.Add(Status());
        claims.Subcommands.Add(Withdraw());
        return claims;
    }

    private static Option<string> RulesOption() => new("--rules") { Description = "The policy's adjudication rules (JSON, as AdjudicationRules.ToJson writes them).", Required = true };

    private static Option<string> PolicyOption() => new("--policy") { Description = "The policy id printed by claims policy open.", Required = true };

    private static Argument<string> PolicyArgument() => new("POLICY") { Description = "The policy id printed by claims policy open." };

    private static Argument<string> ClaimArgument() => new("CLAIM") { Description = "The claim id printed by claims file or claims pending." };

    private static AdjudicationRules ReadRules(string path)
    {
        var rules = AdjudicationRules.FromJson(RecordsCommand.ReadInput(path));
        rules.Validate();
        return rules;
    }

    private static BigInteger ParseId(string text, string what) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"'{text}' is not a {what} id.");

    private static Command Open()
    {
        var rules = RulesOption();
        var maxOpen = new Option<int>("--max-open-claims") { Description = "The most undecided claims one member may hold at once.", DefaultValueFactory = _ => PolicyLimits.Default.MaxOpenClaims };
        var window = new Option<double>("--decision-days") { Description = "Days the insurer has to decide a claim before its claimant may withdraw it.", DefaultValueFactory = _ => PolicyLimits.Default.DecisionWindow.TotalDays };
        var command = new Command("open", "Insurer: open a policy; the rules' hash, coverage period, per-claim cap, open-claim limit and decision window go on chain.") { rules, maxOpen, window };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var declared = ReadRules(session.Parse.GetRequiredValue(rules));
            var (openClaims, days) = (session.Parse.GetValue(maxOpen), session.Parse.GetValue(window));
            if (openClaims <= 0 || !(days * 86400 >= 1))
            {
                throw new UsageException("--max-open-claims and --decision-days must be positive.");
            }
            var limits = new PolicyLimits(openClaims, TimeSpan.FromDays(days));
            var insurer = session.Client.GetInsurerClient(session.Identity());
            var opened = await insurer.OpenPolicyAsync(declared.ComputeHash(), declared.CoverageStart, declared.CoverageEnd, declared.ToMed(declared.PerClaimCap), limits, ct).ConfigureAwait(false);
            return session.Output.Emit(new PolicyOutput(opened.PolicyId.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(declared.ComputeHash()), opened.TransactionHash),
                (o, r) => o.WriteLine($"policy {r.PolicyId} opened, rules hash {r.RulesHash}, tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command Fund()
    {
        var id = PolicyArgument();
        var med = new Option<decimal>("--med") { Description = "MED moved from the insurer's balance into the policy's pool.", Required = true };
        var command = new Command("fund", "Insurer: fund a policy's pool with MED.") { id, med };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var policyId = ParseId(session.Parse.GetRequiredValue(id), "policy");
            var amount = session.Parse.GetValue(med);
            if (amount <= 0)
            {
                throw new UsageException("--med must be positive.");
            }
            var result = await session.Client.GetInsurerClient(session.Identity()).FundPolicyAsync(policyId, FundCommand.ToWei(amount), ct).ConfigureAwait(false);
            return session.Output.Emit(new TxOutput(policyId.ToString(CultureInfo.InvariantCulture), result.TransactionHash), (o, r) => o.WriteLine($"policy {r.PolicyId} funded with {amount} MED, tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command Enrol()
    {
        var id = PolicyArgument();
        var member = new Option<string>("--member") { Description = "The member: a key name or address.", Required = true };
        var command = new Command("enrol", "Insurer: enrol a member in a policy (only members can file).") { id, member };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var policyId = ParseId(session.Parse.GetRequiredValue(id), "policy");
            var address = session.AddressOf(session.Parse.GetRequiredValue(member));
            var result = await session.Client.GetInsurerClient(session.Identity()).EnrollAsync(policyId, address, cancellationToken: ct).ConfigureAwait(false);
            return session.Output.Emit(new EnrolOutput(policyId.ToString(CultureInfo.InvariantCulture), address.ToString(), result.TransactionHash),
                (o, r) => o.WriteLine($"{r.Member} enrolled in policy {r.PolicyId}, tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command File()
    {
        var policy = PolicyOption();
        var encounter = new Option<string>("--encounter") { Description = "A FHIR Bundle (JSON) holding one Encounter and the records made in it.", Required = true };
        var insurerKey = new Option<string>("--insurer") { Description = "The insurer: a key name or its public key (the claim and records are shared with it).", Required = true };
        var rules = RulesOption();
        rules.Description = "The policy's rules (JSON); they price the claim in MED.";
        var charges = new Option<string[]>("--charge") { Description = "A charge per code: SYSTEM|CODE=AMOUNT (repeatable).", AllowMultipleArgumentsPerToken = false };
        var defaultCharge = new Option<decimal?>("--default-charge") { Description = "The charge of an item with no --charge." };
        var days = RecordsCommand.DaysOption(90);
        var command = new Command("file", "Patient: publish the encounter's records, build a FHIR Claim from them and file it; the insurer gets payment-purpose reads of exactly those records.")
            { policy, encounter, insurerKey, rules, charges, defaultCharge, days };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var policyId = ParseId(session.Parse.GetRequiredValue(policy), "policy");
            var declared = ReadRules(session.Parse.GetRequiredValue(rules));
            var insurer = session.PublicKeyOf(session.Parse.GetRequiredValue(insurerKey));
            var records = ReadEncounter(session.Parse.GetRequiredValue(encounter));
            var options = new ClaimBuildOptions { InsurerReference = "Organization/insurer", CoverageReference = $"Coverage/policy-{policyId}", Created = DateTimeOffset.UtcNow, Currency = declared.Currency, DefaultCharge = session.Parse.GetValue(defaultCharge) };
            foreach (var charge in session.Parse.GetValue(charges) ?? [])
            {
                var split = charge.LastIndexOf('=');
                if (split <= 0 || !decimal.TryParse(charge.AsSpan(split + 1), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                {
                    throw new UsageException($"'{charge}' is not SYSTEM|CODE=AMOUNT.");
                }
                options.Charges[charge[..split]] = amount;
            }
            var claim = ClaimBuilder.Build((Encounter)records[0], records, options);
            var total = claim.Total?.Value ?? throw new UsageException("The encounter's records give a claim with no total; add --charge or --default-charge.");
            var patient = session.Client.GetPatientClient(session.Identity());
            // Refusals first, reading the chain only: nothing is stored or anchored for a claim that cannot be filed.
            await patient.Insurance.CheckClaimableAsync(policyId, insurer, declared.ToMed(total), ct).ConfigureAwait(false);
            if (await EncounterClaimLedger.FindPatientClaimAsync(patient, policyId, (Encounter)records[0], ct).ConfigureAwait(false) is { } earlier)
            {
                throw new AccessDeniedException($"Claim {earlier} already claims this encounter under policy {policyId}; an encounter is claimed once.", ClaimErrorCodes.EncounterAlreadyClaimed);
            }
            var serializer = new BaseFhirJsonSerializer(ModelInfo.ModelInspector);
            var commitments = new List<MediBloc.Sdk.Crypto.Commitment>();
            foreach (var record in records)
            {
                var published = await patient.PublishAsync(Encoding.UTF8.GetBytes(serializer.SerializeToString(record)), "application/fhir+json", cancellationToken: ct).ConfigureAwait(false);
                commitments.Add(published.Commitment);
            }
            var filed = await patient.Insurance.FileClaimAsync(
                new ClaimSubmission(policyId, insurer, ClaimAdjudicator.SerializeClaim(claim), commitments, declared.ToMed(total), DateTimeOffset.UtcNow.AddDays(session.Parse.GetValue(days)))
                { EncounterRecord = commitments[0] }, ct).ConfigureAwait(false);
            return session.Output.Emit(new FiledOutput(filed.ClaimId, policyId.ToString(CultureInfo.InvariantCulture), total, claim.Item.Count, FundCommand.ToMed(declared.ToMed(total)), filed.GrantIds, filed.Filing.TransactionHash),
                (o, r) => o.WriteLine($"claim {r.ClaimId} filed on policy {r.PolicyId}: {r.Total} for {r.Items} item(s) ({r.Med} MED), {r.GrantIds.Count} payment read(s) granted, tx {r.TransactionHash}"));
        });
        return command;
    }

    private static List<Resource> ReadEncounter(string path)
    {
        var json = RecordsCommand.ReadInput(path);
        var reader = new System.Text.Json.Utf8JsonReader(json);
        if (!new FhirJsonDeserializer().TryDeserializeResource(ref reader, out var resource, out _) || resource is not Bundle bundle)
        {
            throw new UsageException($"{path} is not a FHIR R4 Bundle.");
        }
        var records = bundle.Entry.Select(e => e.Resource).OfType<Resource>().ToList();
        var encounters = records.OfType<Encounter>().ToList();
        if (encounters.Count != 1)
        {
            throw new UsageException($"{path} holds {encounters.Count} Encounters; a claim is built from exactly one.");
        }
        records.Remove(encounters[0]);
        records.Insert(0, encounters[0]);
        return records;
    }

    private static Command Pending()
    {
        var policy = PolicyOption();
        var command = new Command("pending", "Insurer: the claims filed on a policy and not yet decided, oldest first.") { policy };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var policyId = ParseId(session.Parse.GetRequiredValue(policy), "policy");
            var insurer = session.Client.GetInsurerClient(session.Identity());
            var pending = new List<PendingOutput>();
            await foreach (var filed in insurer.ListClaimsAsync(policyId, ct).ConfigureAwait(false))
            {
                var claim = await insurer.GetClaimAsync(filed.ClaimId, ct).ConfigureAwait(false);
                if (claim is { Status: InsuranceClaimStatus.Filed })
                {
                    pending.Add(new PendingOutput(claim.ClaimId, claim.Patient.ToString(), FundCommand.ToMed(claim.Amount), claim.FiledAt));
                }
            }
            return session.Output.Emit(new PendingList(pending), (o, r) =>
            {
                foreach (var c in r.Claims)
                {
                    o.WriteLine($"{c.ClaimId} from {c.Patient}: {c.Med} MED, filed {c.FiledAt:u}");
                }
            });
        });
        return command;
    }

    private static Command Adjudicate()
    {
        var claimId = ClaimArgument();
        var rules = RulesOption();
        var command = new Command("adjudicate", "Insurer: read the claim and its records, adjudicate by the rules, and pay in MED or deny with a reason (an ExplanationOfBenefit goes to the patient).") { claimId, rules };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var declared = ReadRules(session.Parse.GetRequiredValue(rules));
            var insurer = session.Client.GetInsurerClient(session.Identity());
            var submitted = await insurer.OpenClaimAsync(session.Parse.GetRequiredValue(claimId), ct).ConfigureAwait(false);
            // One claim per encounter: the duplicate ledger, rebuilt from the claims filed on the policy before this one.
            var (ledger, _) = await EncounterClaimLedger.RebuildAsync(insurer, submitted.Claim.PolicyId, before: submitted.Claim.ClaimId, cancellationToken: ct).ConfigureAwait(false);
            var decision = new ClaimAdjudicator(declared, new FhirResourceValidator()).Adjudicate(submitted, ledger);
            var result = decision.IsPaid
                ? await insurer.PayClaimAsync(submitted, decision.PayableMed, decision.ToDocument(), ClaimDecision.DocumentContentType, ct).ConfigureAwait(false)
                : await insurer.DenyClaimAsync(submitted, decision.DenialReason, decision.ToDocument(), ClaimDecision.DocumentContentType, ct).ConfigureAwait(false);
            return session.Output.Emit(
                new DecisionOutput(submitted.Claim.ClaimId, decision.IsPaid ? "paid" : "denied", decision.IsPaid ? null : decision.DenialReason.ToString(),
                    decision.Submitted, decision.Eligible, decision.Deductible, decision.CoPay, decision.Benefit, FundCommand.ToMed(decision.PayableMed), submitted.Records.Count, result.TransactionHash),
                (o, r) => o.WriteLine(r.Decision == "paid"
                    ? $"claim {r.ClaimId} paid {r.PaidMed} MED (submitted {r.Submitted}, eligible {r.Eligible}, deductible {r.Deductible}, co-pay {r.CoPay}), tx {r.TransactionHash}"
                    : $"claim {r.ClaimId} denied: {r.DenialReason}, tx {r.TransactionHash}"));
        });
        return command;
    }

    private static Command Status()
    {
        var claimId = ClaimArgument();
        var command = new Command("status", "Patient: where a claim stands; once decided, the outcome and the ExplanationOfBenefit's summary.") { claimId };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var id = session.Parse.GetRequiredValue(claimId);
            var insurance = session.Client.GetPatientClient(session.Identity()).Insurance;
            var claim = await insurance.GetClaimAsync(id, ct).ConfigureAwait(false) ?? throw new NotFoundException($"No claim {id} on this chain.");
            StatusOutput output;
            if (claim.Status is InsuranceClaimStatus.Filed or InsuranceClaimStatus.Withdrawn)
            {
                output = new StatusOutput(claim.ClaimId, claim.Status.ToString(), FundCommand.ToMed(claim.Amount), null, null, null, null);
            }
            else
            {
                var outcome = await insurance.GetOutcomeAsync(id, ct).ConfigureAwait(false) ?? throw new NotFoundException($"Claim {id} is decided but its decision document was not found.");
                var eob = ClaimDecision.ReadExplanationOfBenefit(outcome.Document);
                output = new StatusOutput(claim.ClaimId, outcome.Decision.Status.ToString(), FundCommand.ToMed(claim.Amount), FundCommand.ToMed(outcome.Decision.PaidAmount),
                    outcome.Decision.DenialReason == ClaimDenialReason.None ? null : outcome.Decision.DenialReason.ToString(), eob.Disposition, eob.Payment?.Amount?.Value);
            }
            return session.Output.Emit(output, (o, r) => o.WriteLine($"claim {r.ClaimId} {r.Status}: claimed {r.ClaimedMed} MED"
                + (r.PaidMed is null ? string.Empty : $", paid {r.PaidMed} MED")
                + (r.DenialReason is null ? string.Empty : $", denied ({r.DenialReason})")
                + (r.Disposition is null ? string.Empty : $"; {r.Disposition}")));
        });
        return command;
    }

    private static Command Withdraw()
    {
        var claimId = ClaimArgument();
        var command = new Command("withdraw", "Patient: withdraw a claim the insurer left undecided past the policy's decision window (releases its reservation; the encounter stays claimed).") { claimId };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var id = session.Parse.GetRequiredValue(claimId);
            var result = await session.Client.GetPatientClient(session.Identity()).Insurance.WithdrawClaimAsync(id, ct).ConfigureAwait(false);
            return session.Output.Emit(new WithdrawnOutput(id, result.TransactionHash), (o, r) => o.WriteLine($"claim {r.ClaimId} withdrawn, tx {r.TransactionHash}"));
        });
        return command;
    }

    internal sealed record WithdrawnOutput(string ClaimId, string TransactionHash);

    internal sealed record PolicyOutput(string PolicyId, string RulesHash, string TransactionHash);

    internal sealed record TxOutput(string PolicyId, string TransactionHash);

    internal sealed record EnrolOutput(string PolicyId, string Member, string TransactionHash);

    internal sealed record FiledOutput(string ClaimId, string PolicyId, decimal Total, int Items, decimal Med, IReadOnlyList<string> GrantIds, string TransactionHash);

    internal sealed record PendingOutput(string ClaimId, string Patient, decimal Med, DateTimeOffset FiledAt);

    internal sealed record PendingList(IReadOnlyList<PendingOutput> Claims);

    internal sealed record DecisionOutput(string ClaimId, string Decision, string? DenialReason, decimal Submitted, decimal Eligible, decimal Deductible, decimal CoPay, decimal Benefit,
        decimal PaidMed, int Records, string TransactionHash);

    internal sealed record StatusOutput(string ClaimId, string Status, decimal ClaimedMed, decimal? PaidMed, string? DenialReason, string? Disposition, decimal? EobPayment);
}
