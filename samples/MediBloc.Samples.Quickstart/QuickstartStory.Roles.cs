using System.Numerics;
using System.Text;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Contracts.MedToken;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MediBloc.Samples.Quickstart;

public static partial class QuickstartStory
{
    private const string Fhir = "application/fhir+json";
    private const string Treatment = "TREAT";

    private static readonly string VisitNote =
        """{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},"subject":{"reference":"Patient/example"},"valueQuantity":{"value":64,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}""";

    private static readonly string VitalProfile =
        """{"resourceType":"Bundle","type":"document","entry":[{"resource":{"resourceType":"AllergyIntolerance","code":{"text":"Penicillin"}}},{"resource":{"resourceType":"Observation","code":{"coding":[{"system":"http://loinc.org","code":"882-1"}]},"valueCodeableConcept":{"text":"A+"}}}]}""";

    /// <summary>Where the second part of the story runs: the whole contract suite, a client on it, and the deployer's account.</summary>
    private sealed record Stage(MediBlocClient Client, MediBlocDeployment Deployment, ChainConnection Deployer, Secp256k1PrivateKey DeployerKey, Secp256k1PrivateKey Patient, DateTimeOffset ChainNow, Web3 DeployerWeb3);

    /// <summary>
    /// The rest of the personal health record, role by role: certification, a grant and an audited read, a
    /// provider-authored record that earns MediPoints, break-the-glass, a guardian until hand-over, a researcher's paid
    /// request with per-record consent, batch publishing, a key backed up to guardians and restored, the audit trail.
    /// Each step reports through <paramref name="step"/>; a refusal the story expects counts as a passed step.
    /// </summary>
    private static async Task RunRolesAsync(Stage stage, Action<string, string, bool> step, CancellationToken cancellationToken)
    {
        var (client, deployment, deployer, deployerKey, patientKey, now, web3) = stage;
        var until = now.AddYears(1);
        var patient = client.GetPatientClient(patientKey);
        using var doctorKey = Secp256k1PrivateKey.Generate();
        using var paramedicKey = Secp256k1PrivateKey.Generate();
        using var guardianKey = Secp256k1PrivateKey.Generate();
        using var researcherKey = Secp256k1PrivateKey.Generate();
        using var relayerKey = Secp256k1PrivateKey.Generate();
        await FundAsync(web3, [doctorKey, paramedicKey, guardianKey, researcherKey, relayerKey], cancellationToken);
        var token = new MedTokenClient(deployer, deployment.MedTokenAddress!.Value);
        await token.TransferAsync(researcherKey.Address, MedTokenClient.FromMed(100), cancellationToken);
        await token.TransferAsync(patient.Address, MedTokenClient.FromMed(10), cancellationToken);
        await new MediPointsClient(deployer, deployment.MediPointsAddress!.Value).SetRateAsync(Fhir, 10, cancellationToken);

        // The authority certifies a doctor, a paramedic and a researcher.
        var authority = client.GetAuthorityClient(deployerKey);
        await authority.CertifyAsync(doctorKey.Address, CredentialRole.Provider, until, cancellationToken);
        await authority.CertifyAsync(paramedicKey.Address, CredentialRole.EmergencyProvider, until, cancellationToken);
        await authority.CertifyAsync(researcherKey.Address, CredentialRole.Researcher, until, cancellationToken);
        var doctor = client.GetProviderClient(doctorKey);
        var credential = await doctor.GetCredentialAsync(cancellationToken: cancellationToken);
        step("Authority certified a doctor, a paramedic and a researcher",
            $"doctor {doctor.Address} certified until {credential?.ExpiresAt:u}", credential is not null);

        // Patient → provider: a grant with scope, purpose and expiry; the provider's open is audited.
        var share = await patient.ShareAsync(doctorKey.PublicKey, AccessScope.ForContentType(Fhir), Treatment, now.AddDays(30), cancellationToken);
        step("Patient shared their FHIR records with the doctor for treatment, for 30 days",
            $"EIP-712 grant {share.GrantId}\n{share.Records.Count} record(s) re-wrapped for the doctor (data keys only, never re-encrypted)", share.Records.Count > 0);
        var sharedWithMe = new List<SharedWithMeRecord>();
        await foreach (var r in doctor.ListSharedWithMeAsync(cancellationToken))
        {
            sharedWithMe.Add(r);
        }
        var read = await doctor.OpenAsync(sharedWithMe[0].Cid, Treatment, cancellationToken);
        step("Doctor found the shared record and opened it for treatment (the read is logged on chain)",
            $"{sharedWithMe.Count} record(s) shared with the doctor; opened {read.Content.Length} bytes, commitment verified", sharedWithMe.Count > 0);

        // Provider → patient: a record written into the patient's PHR with the patient's write consent.
        var consent = await patient.GrantWriteAccessAsync(doctor.Address, AccessScope.ForContentType(Fhir), Treatment, now.AddDays(30), cancellationToken);
        var written = await doctor.WriteRecordAsync(patientKey.PublicKey, Encoding.UTF8.GetBytes(VisitNote), Fhir, Treatment, cancellationToken);
        var mine = await patient.ListMyRecordsAsync(cancellationToken);
        var authored = mine.SingleOrDefault(r => r.Commitment == written.Commitment);
        await doctor.ClaimAuthoringRewardAsync(written.RecordId, cancellationToken);
        var points = await new MediPointsClient(deployer, deployment.MediPointsAddress.Value).GetBalanceAsync(doctor.Address, cancellationToken);
        step("Doctor wrote a visit note into the patient's PHR under the patient's write consent, and earned MediPoints",
            $"write grant {consent.GrantId}\nthe patient owns record {written.Cid}, authored by {authored?.Author}; the doctor holds {points} MediPoints",
            authored is not null && authored.Author == doctor.Address && points > 0);

        // Emergency: break the glass for the vital-info profile only.
        var profile = await patient.Care.SetEmergencyProfileAsync(Encoding.UTF8.GetBytes(VitalProfile), Fhir, [paramedicKey.PublicKey], cancellationToken);
        var paramedic = client.GetEmergencyClient(paramedicKey);
        var vital = await paramedic.BreakTheGlassAsync(patient.Address, "unconscious at scene", cancellationToken: cancellationToken);
        step("Paramedic broke the glass and read the vital-info profile (blood type, allergies)",
            $"profile {profile.Cid}, {vital.Content.Length} bytes; audited as BTG", vital.Content.Span.SequenceEqual(Encoding.UTF8.GetBytes(VitalProfile)));
        var notVital = await patient.PublishAsync(Encoding.UTF8.GetBytes(VisitNote), Fhir, [paramedicKey.PublicKey], cancellationToken);
        var emergencyDenied = await RefusedAsync(() => paramedic.BreakTheGlassAsync(patient.Address, "unconscious at scene", notVital.Cid, cancellationToken));
        step("Paramedic asking for another record, even one sealed to them, was refused", emergencyDenied ?? "it was not refused", emergencyDenied is not null);

        // Guardian: acts for the ward until hand-over.
        var forWard = await patient.PublishAsync(Encoding.UTF8.GetBytes(VisitNote), Fhir, [guardianKey.PublicKey], cancellationToken);
        await patient.Care.AppointGuardianAsync(guardianKey.Address, cancellationToken);
        var guardian = client.GetGuardianClient(guardianKey);
        var guarded = await guardian.OpenForWardAsync(forWard.Cid, Treatment, cancellationToken);
        await guardian.HandOverAsync(patient.Address, cancellationToken);
        var guardianDenied = await RefusedAsync(() => guardian.OpenForWardAsync(forWard.Cid, Treatment, cancellationToken));
        step("Guardian opened a record for the ward, handed over, and was refused afterwards",
            $"opened {guarded.Content.Length} bytes as guardian; then {guardianDenied ?? "not refused"}", guardianDenied is not null);

        // Research: an opt-in index, a paid request with escrow, consent per record, delivery paid.
        var researcher = client.GetResearcherClient(researcherKey);
        var code = "http://loinc.org|85354-9";
        await patient.Research.PublishToSearchIndexAsync(Published(mine, Fhir), new SearchMetadata(Fhir, [code], SearchMetadata.AgeBracketOf(47), "KR"), submitter: relayerKey, cancellationToken: cancellationToken);
        var candidates = new List<SearchCandidate>();
        await foreach (var c in researcher.SearchAsync(new SearchQuery { ContentType = Fhir, Codes = [code] }, cancellationToken: cancellationToken))
        {
            candidates.Add(c);
        }
        var posted = await researcher.PostRequestAsync(
            new DataRequestCriteria { Description = "Blood pressure cohort", Handles = [.. candidates.Select(c => c.Handle)] },
            MedTokenClient.FromMed(5), maxRecords: 1, now.AddDays(7), cancellationToken);
        step("Researcher searched the opt-in index (no identity, no CID) and posted a paid request",
            $"{candidates.Count} de-identified candidate(s); request {posted.RequestId} with {Med(posted.Escrow)} MED in escrow",
            candidates.Count > 0);
        var consented = new List<string>();
        await foreach (var request in patient.Research.GetMatchingDataRequestsAsync(posted.BlockNumber, cancellationToken))
        {
            foreach (var commitment in request.Commitments)
            {
                // Signed by the record's search-index entry key, sent by the relayer, paid to a fresh address.
                await patient.Research.ConsentToDataRequestAsync(request.Request.RequestId, commitment, relayerKey, cancellationToken);
                consented.Add(commitment.ToString());
            }
        }
        var earlyRelease = consented.Count == 0 ? null : await RefusedAsync(() => patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, Commitment.Parse(consented[0]), relayerKey, cancellationToken));
        var review = new List<ReviewableConsent>();
        await foreach (var c in researcher.ListConsentsAsync(posted.RequestId, cancellationToken))
        {
            review.Add(c);
        }
        await researcher.AcceptConsentsAsync(posted.RequestId, review.Select(c => c.Handle), cancellationToken);
        BigInteger paid = 0;
        foreach (var commitment in consented)
        {
            paid += (await patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, Commitment.Parse(commitment), relayerKey, cancellationToken)).Amount;
        }
        var delivered = 0;
        await foreach (KeyRelease release in researcher.ListDeliveriesAsync(posted.RequestId, cancellationToken))
        {
            await researcher.OpenAsync(release, cancellationToken);
            delivered++;
        }
        step("Patient consented through a relayer (no account, no record on chain); the researcher accepted, the key release paid a fresh address, the researcher opened it",
            $"{delivered} record(s) delivered; the payee received {Med(paid)} MED\nreleasing before the review was refused: {earlyRelease ?? "no"}",
            delivered == 1 && paid == MedTokenClient.FromMed(5) && earlyRelease is not null);

        // Many records at once: one batch anchor.
        var readings = Enumerable.Range(0, 24)
            .Select(i => new RecordToPublish(Encoding.UTF8.GetBytes(HeartRate(60 + i)), Fhir))
            .ToList();
        var batch = await patient.PublishManyAsync(readings, cancellationToken);
        var roots = batch.Select(b => b.TransactionHash).Distinct().Count();
        var reopened = await client.GetProviderClient(patientKey).OpenAsync(batch[^1].Cid, cancellationToken);
        step("Patient published 24 device readings in one batch anchor (a Merkle root)",
            $"{batch.Count} records, {roots} transaction(s); the last opens and verifies against the root", batch.Count == 24 && roots == 1 && reopened.Content.Length > 0);

        // MED economy: storage and points.
        var quota = await patient.Wallet.BuyStorageAsync(1, cancellationToken: cancellationToken);
        var bought = await patient.Wallet.BuyMediPointsAsync(100, cancellationToken: cancellationToken);
        var balance = await patient.Wallet.GetMediPointsAsync(cancellationToken);
        step("Patient bought 1 GB of storage and 100 MediPoints with MED",
            $"quota now {quota.QuotaBytes:N0} bytes; MediPoints {balance.Balance} (non-transferable, convertible after 3 months)", balance.Balance >= bought.Points);

        // Nothing lost: the key backed up to three guardians, two of them restore it on a new device.
        using var g1 = Secp256k1PrivateKey.Generate();
        using var g2 = Secp256k1PrivateKey.Generate();
        using var g3 = Secp256k1PrivateKey.Generate();
        var backup = await patient.Care.BackUpKeyAsync([g1.PublicKey, g2.PublicKey, g3.PublicKey], threshold: 2, cancellationToken);
        using var deviceKey = Secp256k1PrivateKey.Generate();
        var recovery = client.GetKeyRecoveryClient(deviceKey);
        var ask = recovery.CreateRequest(patient.Address);
        var releases = new[]
        {
            await client.GetGuardianClient(g1).ReleaseKeyShareAsync(ask, cancellationToken),
            await client.GetGuardianClient(g3).ReleaseKeyShareAsync(ask, cancellationToken),
        };
        using var recovered = await recovery.RecoverKeyAsync(patient.Address, releases, cancellationToken);
        var restored = await client.GetPatientClient(recovered).Care.RestoreRecordsAsync(cancellationToken);
        step("Patient's key was backed up 2-of-3 to guardians and restored on a new device from two shares",
            $"backup {backup.ManifestCid}; recovered {recovered.Address}; {restored.Restored.Count} record(s) reopened and verified, {restored.Failures.Count} failed",
            recovered.Address == patient.Address && restored.Failures.Count == 0 && restored.Restored.Count > 0);

        // Every use is visible to the patient.
        var trail = await patient.GetAuditTrailAsync(cancellationToken);
        var kinds = trail.GroupBy(e => e.Kind).Select(g => $"{g.Key} {g.Count()}");
        step("Patient's audit trail shows who did what, when and why",
            string.Join(", ", kinds), trail.Any(e => e.Kind == AuditEntryKind.Read) && trail.Any(e => e.Kind == AuditEntryKind.BreakTheGlass));
    }

    private static string HeartRate(int perMinute) =>
        """{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"valueQuantity":{"value":"""
        + perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}";

    private static Commitment Published(IReadOnlyList<MyRecord> mine, string contentType) =>
        mine.First(r => r.ContentType == contentType && r.Author is null).Commitment;

    /// <summary>Runs a call the story expects to be refused; returns how it was refused, or null when it was not.</summary>
    private static async Task<string?> RefusedAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (MediBlocException ex) when (ex is AccessDeniedException or ChainException)
        {
            return $"{ex.GetType().Name} {ex.Code}";
        }
    }

    /// <summary>Gives each role key 1 ETH from the deployer for gas.</summary>
    private static async Task FundAsync(Web3 deployer, IEnumerable<Secp256k1PrivateKey> keys, CancellationToken cancellationToken)
    {
        deployer.TransactionManager.TransactionReceiptService = new Nethereum.RPC.TransactionReceipts.TransactionReceiptPollingService(deployer.TransactionManager, 10);
        var transfers = deployer.Eth.GetEtherTransferService();
        foreach (var key in keys)
        {
            await transfers.TransferEtherAndWaitForReceiptAsync(key.Address.ToString(), 1m, cancellationToken: cancellationToken);
        }
    }

    private static decimal Med(BigInteger wei) => (decimal)(wei / BigInteger.Pow(10, MedTokenClient.Decimals - 4)) / 10_000m;
}
