using System.Numerics;
using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Roles.Insurer;
using MediBloc.Sdk.Roles.Patient;

namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>
/// The insurer's duplicate ledger for one policy: which claim first claimed each encounter. The chain takes one claim
/// per encounter record, but a patient can re-publish an encounter as a new record (a new record id); this ledger
/// keys an encounter by what survives re-publishing: its business identifier (<c>system|value</c> of its first
/// identifier), or, when it has none, the patient and its resource id. The first filing under the policy that names
/// an encounter holds it, whatever its outcome; every later one is a duplicate
/// (<see cref="ClaimDenialReason.Duplicate"/>).
/// </summary>
/// <remarks>
/// The ledger lives with the insurer (keep it for the policy's life, or rebuild it with <see cref="RebuildAsync"/>:
/// the chain's filings and their claim records are enough). Adjudicate a policy's claims in filing order (the order
/// <see cref="InsurerClient.ListClaimsAsync"/> gives) so that "first" is the chain's order. Not thread-safe.
/// </remarks>
public class EncounterClaimLedger
{
    private const string FhirContentType = "application/fhir+json";

    private readonly Dictionary<string, string> _claims = new(StringComparer.Ordinal);

    /// <summary>For mocking only.</summary>
    protected EncounterClaimLedger()
    {
    }

    /// <summary>Creates an empty ledger for a policy.</summary>
    /// <param name="policyId">The policy.</param>
    public EncounterClaimLedger(BigInteger policyId) => PolicyId = policyId;

    /// <summary>The policy.</summary>
    public virtual BigInteger PolicyId { get; }

    /// <summary>How many encounters are claimed.</summary>
    public virtual int Count => _claims.Count;

    /// <summary>
    /// The key of a claim's encounter, or <see langword="null"/> when the claim rests on no encounter: the record the
    /// filing names as its encounter record is missing from the claim record, is not a FHIR <c>Encounter</c>, or the
    /// claim document's items name another encounter.
    /// </summary>
    /// <param name="submitted">The claim, as <see cref="InsurerClient.OpenClaimAsync"/> returned it.</param>
    /// <param name="claim">Its claim document, parsed.</param>
    /// <returns><c>identifier|system|value</c>, or <c>patient|address|Encounter/id</c> when the encounter has no identifier.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string? EncounterKey(SubmittedClaim submitted, Claim claim)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(claim);
        if (submitted.EncounterRecord is not { } record)
        {
            return null;
        }
        if (TryParseEncounter(record.Content) is not { } encounter || string.IsNullOrEmpty(encounter.Id))
        {
            return null;
        }
        // Every encounter the claim bills must be this one: a claim for encounter X may not name another record.
        foreach (var reference in claim.Item.SelectMany(i => i.Encounter).Select(r => r.Reference))
        {
            if (reference is null || !(reference == "Encounter/" + encounter.Id || reference.EndsWith("/" + encounter.Id, StringComparison.Ordinal)))
            {
                return null;
            }
        }
        return EncounterKey(encounter, submitted.Claim.Patient);
    }

    /// <summary>The key of an encounter: what a re-published copy keeps.</summary>
    /// <param name="encounter">The encounter.</param>
    /// <param name="patient">The patient whose record holds it.</param>
    /// <returns><c>identifier|system|value</c> (its first identifier with a value), or <c>patient|address|Encounter/id</c> when it has none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encounter"/> is null.</exception>
    public static string EncounterKey(Encounter encounter, EvmAddress patient)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        return encounter.Identifier.FirstOrDefault(i => !string.IsNullOrEmpty(i.Value)) is { } id
            ? $"identifier|{id.System}|{id.Value}"
            : $"patient|{patient}|Encounter/{encounter.Id}";
    }

    /// <summary>
    /// The patient's side of the same rule, before anything is published: finds the claim this patient already filed
    /// under the policy for <paramref name="encounter"/> (same key), by opening the patient's own encounter records
    /// its filings name. Reads only (the chain's filings and the patient's own records); nothing is logged or sent.
    /// </summary>
    /// <param name="patient">The patient.</param>
    /// <param name="policyId">The policy.</param>
    /// <param name="encounter">The encounter about to be claimed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The earlier claim's id, or <see langword="null"/> when the encounter is not claimed under the policy.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">An address this needs is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public static async Task<string?> FindPatientClaimAsync(PatientClient patient, BigInteger policyId, Encounter encounter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(encounter);
        var claimed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var filed in patient.Insurance.ListClaimsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (filed.PolicyId == policyId)
            {
                claimed.TryAdd(filed.EncounterRecordId, filed.ClaimId);
            }
        }
        if (claimed.Count == 0)
        {
            return null;
        }
        var key = EncounterKey(encounter, patient.Address);
        foreach (var record in await patient.OpenMyRecordsAsync(FhirContentType, cancellationToken).ConfigureAwait(false))
        {
            if (claimed.TryGetValue(RecordId.Of(record.Owner, record.Commitment).ToString(), out var claimId)
                && TryParseEncounter(record.Content) is { } earlier && EncounterKey(earlier, patient.Address) == key)
            {
                return claimId;
            }
        }
        return null;
    }

    private static Encounter? TryParseEncounter(ReadOnlyMemory<byte> json)
    {
        try
        {
            return FhirJson.Parse(json, out _) as Encounter;
        }
        catch (FhirFormatException)
        {
            return null;
        }
    }

    /// <summary>The claim that holds an encounter key, if any.</summary>
    /// <param name="encounterKey">A key from <see cref="EncounterKey(SubmittedClaim, Claim)"/>.</param>
    /// <returns>The claim id, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encounterKey"/> is null.</exception>
    public virtual string? ClaimOf(string encounterKey)
    {
        ArgumentNullException.ThrowIfNull(encounterKey);
        return _claims.GetValueOrDefault(encounterKey);
    }

    /// <summary>Records that a claim claims an encounter, unless an earlier claim holds it.</summary>
    /// <param name="claimId">The claim id (0x-hex).</param>
    /// <param name="encounterKey">Its encounter's key (<see cref="EncounterKey(SubmittedClaim, Claim)"/>).</param>
    /// <returns>The earlier claim that holds the encounter (the claim is a duplicate), or <see langword="null"/> when <paramref name="claimId"/> holds it (registering the same claim again is a no-op).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public virtual string? Register(string claimId, string encounterKey)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        ArgumentNullException.ThrowIfNull(encounterKey);
        if (_claims.TryGetValue(encounterKey, out var holder))
        {
            return string.Equals(holder, claimId, StringComparison.OrdinalIgnoreCase) ? null : holder;
        }
        _claims[encounterKey] = claimId;
        return null;
    }

    /// <summary>
    /// Rebuilds a policy's ledger from the chain: opens each claim filed under the policy, oldest first (each read is
    /// checked against the patient's grants and logged, as <see cref="InsurerClient.OpenClaimAsync"/> does), and
    /// registers its encounter. Claims that can no longer be opened (grant revoked or expired, content gone) or rest on
    /// no encounter are skipped and returned, so the caller can decide on them.
    /// </summary>
    /// <param name="insurer">The policy's insurer.</param>
    /// <param name="policyId">The policy.</param>
    /// <param name="before">Stop at this claim (exclusive), or <see langword="null"/> to read every filing.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The ledger and the claim ids that were skipped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="insurer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">An address this needs is not set.</exception>
    /// <exception cref="ChainException">The chain could not be read or a read could not be logged.</exception>
    public static async Task<(EncounterClaimLedger Ledger, IReadOnlyList<string> Skipped)> RebuildAsync(InsurerClient insurer, BigInteger policyId, string? before = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(insurer);
        var ledger = new EncounterClaimLedger(policyId);
        var skipped = new List<string>();
        await foreach (var filed in Filings(insurer, policyId, before, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var submitted = await insurer.OpenClaimAsync(filed.ClaimId, cancellationToken).ConfigureAwait(false);
                if (EncounterKey(submitted, FhirJson.Parse<Claim>(submitted.ClaimDocument)) is { } key)
                {
                    ledger.Register(filed.ClaimId, key);
                    continue;
                }
            }
            catch (Exception ex) when (ex is AccessDeniedException or NotFoundException or IntegrityException or StorageException or FhirFormatException)
            {
            }
            skipped.Add(filed.ClaimId);
        }
        return (ledger, skipped);
    }

    private static async IAsyncEnumerable<ClaimFiledEvent> Filings(InsurerClient insurer, BigInteger policyId, string? before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var filed in insurer.ListClaimsAsync(policyId, cancellationToken).ConfigureAwait(false))
        {
            if (before is not null && string.Equals(filed.ClaimId, before, StringComparison.OrdinalIgnoreCase))
            {
                yield break;
            }
            yield return filed;
        }
    }
}
