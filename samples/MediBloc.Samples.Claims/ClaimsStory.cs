using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Sdk;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Fhir.Claims;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Roles.Insurer;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Storage.Local;
using Task = System.Threading.Tasks.Task;

namespace MediBloc.Samples.Claims;

/// <summary>
/// Automatic insurance claims, end to end on the embedded defaults (an in-process chain, a local content store): a
/// certified insurer opens and funds a policy whose rules are data; a patient with a check-up encounter files a claim
/// built from the encounter's records, granting the insurer a payment-purpose read of exactly those records; the
/// insurer adjudicates by the rules and pays in MED; the patient reads the ExplanationOfBenefit. A second claim, for
/// an excluded procedure, is denied by rule with a typed reason.
/// </summary>
public static class ClaimsStory
{
    // anvil's first three dev keys (from its public test mnemonic), funded by the in-process chain.
    private const string DeployerKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string PatientKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private const string InsurerKey = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    private const string Snomed = "http://snomed.info/sct";
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    /// <summary>Runs the story and tells it on <paramref name="output"/>.</summary>
    /// <param name="output">Where the story is told.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What happened.</returns>
    public static async Task<ClaimsResult> RunAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var scratch = Directory.CreateTempSubdirectory("medibloc-claims-").FullName;
        try
        {
            var chain = new InProcessChain();
            using var deployer = Secp256k1PrivateKey.FromHex(DeployerKey);
            using var patientKey = Secp256k1PrivateKey.FromHex(PatientKey);
            using var insurerKey = Secp256k1PrivateKey.FromHex(InsurerKey);
            var deployment = await chain.DeployMediBlocContractsAsync(deployer, cancellationToken);
            var client = new MediBlocClient(new MediBlocClientOptions
            {
                ChainClient = chain.CreateRpcClient(),
                ContentStore = new LocalContentStore(Path.Combine(scratch, "store")),
                Outbox = new FileRecordOutbox(Path.Combine(scratch, "outbox")),
            }.UseDeployment(deployment));
            output.WriteLine($"An in-process chain (id {chain.ChainId}) with the contracts deployed; claims contract {deployment.InsuranceClaimsAddress}.");

            // The authority certifies the insurer; the insurer holds MED for its pool.
            var now = DateTimeOffset.UtcNow; // a fresh in-process chain keeps wall-clock time
            await client.GetAuthorityClient(deployer).CertifyAsync(insurerKey.Address, CredentialRole.Insurer, now.AddYears(1), cancellationToken);
            var deployerConnection = new ChainConnection(chain.CreateRpcClient(), new Nethereum.Web3.Accounts.Account(DeployerKey, deployment.ChainId));
            await new MedTokenClient(deployerConnection, deployment.MedTokenAddress!.Value).TransferAsync(insurerKey.Address, MedTokenClient.FromMed(1000), cancellationToken: cancellationToken);

            var rules = Rules(now);
            InsurerClient insurer = client.GetInsurerClient(insurerKey);
            var policy = await insurer.OpenPolicyAsync(rules.ComputeHash(), rules.CoverageStart, rules.CoverageEnd, MedTokenClient.FromMed(1000), cancellationToken: cancellationToken);
            await insurer.FundPolicyAsync(policy.PolicyId, MedTokenClient.FromMed(1000), cancellationToken: cancellationToken);
            await insurer.EnrollAsync(policy.PolicyId, patientKey.Address, cancellationToken: cancellationToken);
            output.WriteLine($"Insurer {insurer.Address} opened policy {policy.PolicyId} (rules hash on chain), funded 1000 MED, enrolled the patient.");

            PatientClient patient = client.GetPatientClient(patientKey);
            var adjudicator = new ClaimAdjudicator(rules, new FhirResourceValidator());

            var paid = await FileAndDecideAsync(patient, insurer, adjudicator, rules, policy.PolicyId, "checkup", now, cosmetic: false, output, cancellationToken);
            var outcome = (await patient.Insurance.GetOutcomeAsync(paid, cancellationToken))!;
            var eob = ClaimDecision.ReadExplanationOfBenefit(outcome.Document);
            output.WriteLine($"The patient received {Med(outcome.Decision.PaidAmount)} MED; the ExplanationOfBenefit says: {eob.Disposition}");

            var denied = await FileAndDecideAsync(patient, insurer, adjudicator, rules, policy.PolicyId, "cosmetic", now, cosmetic: true, output, cancellationToken);
            var deniedOutcome = (await patient.Insurance.GetOutcomeAsync(denied, cancellationToken))!;
            output.WriteLine($"The second claim was denied on chain with reason {deniedOutcome.Decision.DenialReason}.");

            var pool = (await insurer.GetPolicyAsync(policy.PolicyId, cancellationToken))!;
            output.WriteLine($"Policy pool: {Med(pool.Pool)} MED left = 1000 funded - {Med(pool.Paid)} paid - {Med(pool.Withdrawn)} withdrawn.");
            return new ClaimsResult(paid, outcome.Decision.PaidAmount, eob.Payment?.Amount?.Value, denied, deniedOutcome.Decision.DenialReason, pool.Pool);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<string> FileAndDecideAsync(
        PatientClient patient, InsurerClient insurer, ClaimAdjudicator adjudicator, AdjudicationRules rules, System.Numerics.BigInteger policyId,
        string encounterId, DateTimeOffset now, bool cosmetic, TextWriter output, CancellationToken cancellationToken)
    {
        var records = EncounterRecords(encounterId, now, cosmetic);
        var commitments = new List<Commitment>();
        foreach (var record in records)
        {
            var published = await patient.PublishAsync(Encoding.UTF8.GetBytes(Serializer.SerializeToString(record)), "application/fhir+json", cancellationToken: cancellationToken);
            commitments.Add(published.Commitment);
        }
        var claim = ClaimBuilder.Build((Encounter)records[0], records, Charges(now));
        var filed = await patient.Insurance.FileClaimAsync(
            new ClaimSubmission(policyId, insurer.PublicKey, ClaimAdjudicator.SerializeClaim(claim), commitments, rules.ToMed(claim.Total!.Value!.Value), now.AddDays(90)),
            cancellationToken);
        output.WriteLine($"The patient filed claim {filed.ClaimId} for {claim.Total.Value} {claim.Total.Currency} ({claim.Item.Count} items), granting {filed.GrantIds.Count} record-scoped HPAYMT reads.");

        var submitted = await insurer.OpenClaimAsync(filed.ClaimId, cancellationToken);
        // One claim per encounter: the insurer's duplicate ledger (rebuilt from the earlier filings) denies a re-filed encounter.
        var (ledger, _) = await EncounterClaimLedger.RebuildAsync(insurer, policyId, before: filed.ClaimId, cancellationToken: cancellationToken);
        var decision = adjudicator.Adjudicate(submitted, ledger);
        if (decision.IsPaid)
        {
            await insurer.PayClaimAsync(submitted, decision.PayableMed, decision.ToDocument(), ClaimDecision.DocumentContentType, cancellationToken);
            output.WriteLine($"The insurer read {submitted.Records.Count} records, adjudicated {decision.Submitted} submitted / {decision.Eligible} eligible / deductible {decision.Deductible} / co-pay {decision.CoPay}, and paid {decision.Benefit}.");
        }
        else
        {
            await insurer.DenyClaimAsync(submitted, decision.DenialReason, decision.ToDocument(), ClaimDecision.DocumentContentType, cancellationToken);
            output.WriteLine($"The insurer denied the claim by rule: {decision.DenialReason}.");
        }
        return filed.ClaimId;
    }

    /// <summary>A check-up with a medication review (or an excluded cosmetic procedure), type 2 diabetes, metformin; a day before <paramref name="now"/>.</summary>
    private static List<Resource> EncounterRecords(string id, DateTimeOffset now, bool cosmetic)
    {
        var day = now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = new ResourceReference("Patient/sample-patient");
        var encounter = new ResourceReference("Encounter/" + id);
        return
        [
            new Encounter
            {
                Id = id, Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
                Type = [new CodeableConcept(Snomed, "185349003", "Encounter for check up")], Subject = subject,
                Period = new Period { Start = day + "T09:00:00Z", End = day + "T09:30:00Z" }, ServiceProvider = new ResourceReference("Organization/clinic"),
            },
            new Procedure
            {
                Id = id + "-proc", Status = EventStatus.Completed, Subject = subject, Encounter = encounter,
                Code = cosmetic ? new CodeableConcept(Snomed, "243114000", "Cosmetic procedure") : new CodeableConcept(Snomed, "430193006", "Medication reconciliation"),
            },
            new Condition { Id = id + "-dx", Subject = subject, Encounter = encounter, Code = new CodeableConcept(Snomed, "44054006", "Diabetes mellitus type 2") },
            new MedicationRequest
            {
                Id = id + "-rx", Status = MedicationRequest.MedicationrequestStatus.Active, Intent = MedicationRequest.MedicationRequestIntent.Order,
                Subject = subject, Encounter = encounter, Medication = new CodeableConcept(RxNorm, "860975", "metformin 500 MG"),
            },
        ];
    }

    private static ClaimBuildOptions Charges(DateTimeOffset now)
    {
        var options = new ClaimBuildOptions { InsurerReference = "Organization/acme-health", CoverageReference = "Coverage/member-1", Created = now };
        options.Charges[Snomed + "|185349003"] = 150m;
        options.Charges[Snomed + "|430193006"] = 80m;
        options.Charges[Snomed + "|243114000"] = 400m;
        options.Charges[RxNorm + "|860975"] = 20m;
        return options;
    }

    /// <summary>The policy's declared rules: see the sample's README for the arithmetic they give.</summary>
    private static AdjudicationRules Rules(DateTimeOffset now) => new()
    {
        CoverageStart = now.AddDays(-30),
        CoverageEnd = now.AddYears(1),
        Deductible = 50m,
        CoPayPercent = 20m,
        PerClaimCap = 1000m,
        MedPerUnit = 1m,
        Covered =
        [
            new CoveredService(Snomed, "185349003", 120m),
            new CoveredService(Snomed, "430193006", 100m),
            new CoveredService(ClaimBuilder.CategorySystem, null, 15m) { Category = "pharmacy" },
        ],
        Exclusions = [new ExcludedCode(Snomed, "243114000")],
    };

    private static decimal Med(System.Numerics.BigInteger wei) => (decimal)(wei / System.Numerics.BigInteger.Pow(10, 14)) / 10_000m;
}
