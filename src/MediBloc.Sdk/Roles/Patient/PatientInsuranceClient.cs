using System.Numerics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Roles.Patient;

/// <summary>
/// A patient's side of insurance claims: file a claim (the claim record sealed to the patient and the insurer, a
/// record-scoped read grant for the payment purpose on each supporting record and on the claim record, the claim
/// filed on chain), follow it, read the insurer's decision, and withdraw a claim the insurer left undecided past the
/// policy's decision window. Obtain it from <see cref="PatientClient.Insurance"/>.
/// </summary>
public class PatientInsuranceClient
{
    private readonly PatientClient _patient = null!;
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected PatientInsuranceClient()
    {
    }

    internal PatientInsuranceClient(PatientClient patient, ClientContext client, MediBlocSigner signer)
    {
        _patient = patient;
        _client = client;
        _signer = signer;
    }

    /// <summary>The patient's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>The purpose-of-use code of every claim grant and read: <c>HPAYMT</c> (healthcare payment).</summary>
    public static string PaymentPurpose => ClaimPackage.PaymentPurpose;

    /// <summary>
    /// Files a claim. Checks first that the patient is a member of the policy, that the amount fits its cap and
    /// unreserved pool, that the patient holds fewer undecided claims than the policy's open-claim limit, and that no claim names the encounter record under the policy yet (nothing is sent
    /// otherwise: see <see cref="CheckClaimableAsync"/>); then shares each supporting record with the insurer under its own
    /// record-scoped grant for <see cref="PaymentPurpose"/>, publishes the claim record (claim document, patient key,
    /// supporting records) sealed to the patient and the insurer, grants the insurer a read of that record for the
    /// same purpose, and files the claim on chain naming the encounter record (the claimed amount is reserved in the
    /// pool; the chain refuses a second claim for the same encounter record with <c>EncounterAlreadyClaimed</c>).
    /// </summary>
    /// <param name="submission">The claim.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claim id, the claim record and the grants.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="submission"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive.</exception>
    /// <exception cref="ArgumentException">The encounter record is not one of the supporting records, or the policy belongs to another insurer.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="ClaimErrorCodes.NotPolicyMember"/>: the patient is not a member; <see cref="ClaimErrorCodes.NotClaimable"/>: no such policy, outside its coverage period, or above its cap or its unreserved pool; <see cref="ClaimErrorCodes.EncounterAlreadyClaimed"/>: a claim names the encounter record under the policy already; <see cref="ClaimErrorCodes.TooManyOpenClaims"/>: the patient holds the policy's limit of undecided claims.</exception>
    /// <exception cref="NotFoundException">A supporting record is not one of the patient's anchored records.</exception>
    /// <exception cref="InvalidOperationException">The access grants or insurance claims address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (for example <c>AlreadyFiled</c>, or <c>EncounterAlreadyClaimed</c> when a concurrent filing won) or is down.</exception>
    public virtual async Task<FiledClaim> FileClaimAsync(ClaimSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(submission.Insurer);
        ArgumentNullException.ThrowIfNull(submission.SupportingRecords);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(submission.Amount);
        var encounter = submission.EncounterRecord ?? (submission.SupportingRecords.Count > 0 ? submission.SupportingRecords[0]
            : throw new ArgumentException("A claim rests on at least one supporting record: the encounter's.", nameof(submission)));
        if (!submission.SupportingRecords.Contains(encounter))
        {
            throw new ArgumentException("The encounter record must be one of the supporting records.", nameof(submission));
        }
        var encounterRecordId = RecordId.Of(Address, encounter);
        return await ChainDiagnostics.TraceAsync("PatientInsuranceClient.FileClaim", async activity =>
        {
            var claims = await _client.GetInsuranceClaimsAsync(_signer, "file an insurance claim").ConfigureAwait(false);
            await CheckPolicyAsync(claims, submission.PolicyId, submission.Insurer, submission.Amount, cancellationToken).ConfigureAwait(false);
            if (await claims.GetClaimOfEncounterAsync(submission.PolicyId, encounterRecordId, cancellationToken).ConfigureAwait(false) is { } earlier)
            {
                throw new AccessDeniedException($"Claim {earlier} already names this encounter record under policy {submission.PolicyId}; an encounter is claimed once.", ClaimErrorCodes.EncounterAlreadyClaimed);
            }
            var grantIds = new List<string>();
            var references = new List<ClaimRecordReference>();
            foreach (var commitment in submission.SupportingRecords)
            {
                var share = await _patient.ShareAsync(submission.Insurer, AccessScope.ForRecord(Address, commitment), PaymentPurpose, submission.AccessExpiresAt, cancellationToken).ConfigureAwait(false);
                grantIds.Add(share.GrantId);
                var shared = share.Records.FirstOrDefault(r => r.Commitment == commitment)
                    ?? throw new NotFoundException($"Record {commitment} is not one of {Address}'s anchored records; a claim rests only on the patient's own records.");
                references.Add(new ClaimRecordReference(shared.Commitment, shared.Cid, shared.ContentType));
            }
            var package = new ClaimPackage(submission.PolicyId, _signer.PublicKey, submission.ClaimContentType, submission.ClaimDocument.ToArray(), references);
            var published = await _patient.PublishAsync(package.ToBytes(), ClaimPackage.PackageContentType, [submission.Insurer], cancellationToken).ConfigureAwait(false);
            var claimRecordId = RecordId.Of(Address, published.Commitment);
            var grants = await _client.GetAccessGrantsAsync(_signer, "file an insurance claim").ConfigureAwait(false);
            var prepared = await grants.PrepareGrantAsync(new AccessGrant(Address, submission.Insurer.Address, AccessScope.ForRecord(claimRecordId), PaymentPurpose, submission.AccessExpiresAt), cancellationToken).ConfigureAwait(false);
            var signed = await grants.SignGrantAsync(prepared, _signer, cancellationToken).ConfigureAwait(false);
            grantIds.Add((await grants.SubmitGrantAsync(signed, cancellationToken).ConfigureAwait(false)).GrantId);
            var filing = await claims.FileClaimAsync(submission.PolicyId, claimRecordId, encounterRecordId, submission.Payee ?? Address, submission.Amount, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, references.Count);
            return new FiledClaim(filing.ClaimId, submission.PolicyId, claimRecordId, encounterRecordId, published.Cid, grantIds, filing);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Withdraws one of the patient's undecided claims once the policy's decision window has passed since filing
    /// (an insurer that never decides cannot keep the claim reserved forever): final, the reservation is released and
    /// a slot of the open-claim limit freed; the encounter record stays claimed under the policy. Checks first, reading
    /// the chain, that the claim is the patient's, undecided, and past its window (nothing is sent otherwise).
    /// </summary>
    /// <param name="claimId">The claim id (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claimId"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="claimId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="NotFoundException">No claim has this id.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="ClaimErrorCodes.NotClaimant"/>: another account filed the claim; <see cref="ClaimErrorCodes.NotWithdrawable"/>: the claim was decided or withdrawn already, or its decision window is still open.</exception>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The chain refused (for example <c>AlreadyDecided</c> when the insurer decided meanwhile) or is down.</exception>
    public virtual async Task<TransactionResult> WithdrawClaimAsync(string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        return await ChainDiagnostics.TraceAsync("PatientInsuranceClient.WithdrawClaim", async _ =>
        {
            var claims = await _client.GetInsuranceClaimsAsync(_signer, "withdraw an insurance claim").ConfigureAwait(false);
            var claim = await claims.GetClaimAsync(claimId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No claim has id {claimId}.");
            if (claim.Patient != Address)
            {
                throw new AccessDeniedException($"Claim {claimId} was filed by {claim.Patient}; only its claimant may withdraw it.", ClaimErrorCodes.NotClaimant);
            }
            if (claim.Status != InsuranceClaimStatus.Filed)
            {
                throw new AccessDeniedException($"Claim {claimId} is {claim.Status} already; only an undecided claim can be withdrawn.", ClaimErrorCodes.NotWithdrawable);
            }
            var policy = await claims.GetPolicyAsync(claim.PolicyId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"Policy {claim.PolicyId} does not exist.");
            var withdrawableAt = claim.FiledAt + policy.DecisionWindow;
            if (await _client.GetChainTimeAsync(_signer, cancellationToken).ConfigureAwait(false) < withdrawableAt)
            {
                throw new AccessDeniedException($"The insurer may decide claim {claimId} until {withdrawableAt:u}; it can be withdrawn from then on.", ClaimErrorCodes.NotWithdrawable);
            }
            return await claims.WithdrawClaimAsync(claimId, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads one of the patient's claims on chain.</summary>
    /// <param name="claimId">The claim id (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claim, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claimId"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="claimId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<InsuranceClaim?> GetClaimAsync(string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        var claims = await _client.GetInsuranceClaimsAsync(_signer, "read an insurance claim").ConfigureAwait(false);
        return await claims.GetClaimAsync(claimId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the claims this patient filed, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The filings.</returns>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<ClaimFiledEvent> ListClaimsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var claims = await _client.GetInsuranceClaimsAsync(_signer, "list insurance claims").ConfigureAwait(false);
        await foreach (var filed in claims.GetFiledClaimsAsync(patient: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return filed;
        }
    }

    /// <summary>
    /// Reads the insurer's decision on a claim: the chain's <c>ClaimPaid</c> or <c>ClaimDenied</c> (amount or typed
    /// reason) and the decision document the insurer sealed to the patient (for example the ExplanationOfBenefit); or
    /// the patient's own withdrawal (<see cref="InsuranceClaimStatus.Withdrawn"/>, no document).
    /// </summary>
    /// <param name="claimId">The claim id (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The outcome, or <see langword="null"/> while the claim is undecided.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claimId"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="claimId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="MediBlocErrorCode.NotARecipient"/>: the decision document is not sealed to this patient.</exception>
    /// <exception cref="IntegrityException">The decision document failed a check.</exception>
    /// <exception cref="NotFoundException">The content store lacks the decision document.</exception>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<ClaimOutcome?> GetOutcomeAsync(string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        return await ChainDiagnostics.TraceAsync("PatientInsuranceClient.GetOutcome", async _ =>
        {
            var claims = await _client.GetInsuranceClaimsAsync(_signer, "read an insurance claim's decision").ConfigureAwait(false);
            if (await claims.GetDecisionAsync(claimId, cancellationToken: cancellationToken).ConfigureAwait(false) is not { } decision)
            {
                return null;
            }
            if (decision.DecisionCid.Length == 0)
            {
                return new ClaimOutcome(decision, ReadOnlyMemory<byte>.Empty, string.Empty);
            }
            if (!ContentId.TryParse(decision.DecisionCid, out var cid))
            {
                throw new IntegrityException($"The decision on claim {claimId} names no valid CID.", IntegrityCheck.Format);
            }
            var envelope = await _client.FetchEnvelopeAsync(cid, cancellationToken).ConfigureAwait(false);
            // Sealed by the insurer, whom the patient trusts no more than any sender: open within the untrusted limits.
            var opened = RecordEnvelope.Open(envelope, _signer.OpeningKey(), RecordEnvelopeOptions.ForUntrusted());
            return new ClaimOutcome(decision, opened.Plaintext, opened.ContentType);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks, reading the chain only, that this patient may file a claim for <paramref name="amount"/> under the
    /// policy now: the policy exists and belongs to <paramref name="insurer"/>, the patient is a member, the coverage
    /// period includes now, the amount fits the per-claim cap and the unreserved pool, and the patient holds fewer
    /// undecided claims than the policy's open-claim limit. Call it before publishing
    /// an encounter's records, so a refused claim stores and anchors nothing.
    /// </summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="insurer">The policy insurer's public key.</param>
    /// <param name="amount">The MED to claim (positive).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="insurer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The policy belongs to another insurer.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="ClaimErrorCodes.NotPolicyMember"/>: the patient is not a member; <see cref="ClaimErrorCodes.NotClaimable"/>: no such policy, outside its coverage period, or above its cap or its unreserved pool; <see cref="ClaimErrorCodes.TooManyOpenClaims"/>: the patient holds the policy's limit of undecided claims.</exception>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<InsurancePolicy> CheckClaimableAsync(BigInteger policyId, Secp256k1PublicKey insurer, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(insurer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return await ChainDiagnostics.TraceAsync("PatientInsuranceClient.CheckClaimable", async _ =>
        {
            var claims = await _client.GetInsuranceClaimsAsync(_signer, "check a claim").ConfigureAwait(false);
            return await CheckPolicyAsync(claims, policyId, insurer, amount, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<InsurancePolicy> CheckPolicyAsync(InsuranceClaimsClient claims, BigInteger policyId, Secp256k1PublicKey insurer, BigInteger amount, CancellationToken cancellationToken)
    {
        var submission = (PolicyId: policyId, Insurer: insurer, Amount: amount);
        var policy = await claims.GetPolicyAsync(submission.PolicyId, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            throw new AccessDeniedException($"Policy {submission.PolicyId} does not exist.", ClaimErrorCodes.NotClaimable);
        }
        if (policy.Insurer != submission.Insurer.Address)
        {
            throw new ArgumentException($"Policy {submission.PolicyId} belongs to insurer {policy.Insurer}, not to the key given as the insurer.", nameof(submission));
        }
        if (!await claims.IsMemberAsync(submission.PolicyId, Address, cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException($"{Address} is not a member of policy {submission.PolicyId}; the insurer enrols members.", ClaimErrorCodes.NotPolicyMember);
        }
        var now = await _client.GetChainTimeAsync(_signer, cancellationToken).ConfigureAwait(false);
        if (now < policy.StartsAt || now >= policy.EndsAt)
        {
            throw new AccessDeniedException($"Policy {submission.PolicyId} covers {policy.StartsAt:u} to {policy.EndsAt:u}; claims cannot be filed now.", ClaimErrorCodes.NotClaimable);
        }
        if (submission.Amount > policy.MaxClaim || submission.Amount > policy.Available)
        {
            throw new AccessDeniedException(
                $"The claimed amount exceeds policy {submission.PolicyId}'s per-claim cap ({policy.MaxClaim}) or its unreserved pool ({policy.Available}).", ClaimErrorCodes.NotClaimable);
        }
        if (await claims.GetOpenClaimCountAsync(submission.PolicyId, Address, cancellationToken).ConfigureAwait(false) >= policy.MaxOpenClaims)
        {
            throw new AccessDeniedException(
                $"{Address} holds policy {submission.PolicyId}'s limit of {policy.MaxOpenClaims} undecided claims; a decision, or a withdrawal after the decision window, frees a slot.", ClaimErrorCodes.TooManyOpenClaims);
        }
        return policy;
    }
}
