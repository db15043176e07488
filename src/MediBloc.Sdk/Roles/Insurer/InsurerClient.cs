using System.Numerics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Claims;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Roles.Insurer;

/// <summary>
/// What a certified insurer does: open a policy (the hash of its declared adjudication rules, a coverage period, a
/// per-claim cap), enrol members, fund the policy's pool in MED, list and open the claims filed under it (every read
/// checked against the patient's record-scoped grants for the payment purpose and logged on chain), then pay or
/// deny each claim once, with a decision document sealed to the patient. Obtain one from
/// <see cref="MediBlocClient.GetInsurerClient(MediBlocSigner)"/>.
/// </summary>
/// <remarks>
/// Certification comes from a credentials authority (<see cref="CredentialsClient.CertifyAsync"/> with
/// <see cref="CredentialRole.Insurer"/>). Adjudication itself (rules to amounts, FHIR <c>ClaimResponse</c> and
/// <c>ExplanationOfBenefit</c>) lives in MediBloc.Sdk.Fhir's <c>ClaimAdjudicator</c>; this client moves the documents and the MED.
/// One claim per encounter: the chain refuses a second claim naming the same encounter record under a policy; a
/// re-published encounter (a new record) is caught by the insurer's duplicate ledger, MediBloc.Sdk.Fhir's
/// <c>EncounterClaimLedger</c> (<c>ClaimAdjudicator.Adjudicate(submitted, ledger)</c> denies it <see cref="ClaimDenialReason.Duplicate"/>).
/// A claim left undecided past the policy's <see cref="PolicyLimits.DecisionWindow"/> may be withdrawn by its claimant:
/// <see cref="GetClaimAsync"/> then shows <see cref="InsuranceClaimStatus.Withdrawn"/>, and paying or denying it is
/// refused with <c>AlreadyDecided</c>.
/// </remarks>
public class InsurerClient
{
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected InsurerClient()
    {
    }

    internal InsurerClient(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    /// <summary>The insurer's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>The insurer's public key (patients make claims readable to it).</summary>
    public virtual Secp256k1PublicKey PublicKey => _signer.PublicKey;

    /// <summary>Whether this account holds a live insurer credential now (chain time).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when certified, not revoked and not expired.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<bool> IsCertifiedAsync(CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_signer, "check an insurer credential").ConfigureAwait(false);
        return await credentials.HasRoleAsync(Address, CredentialRole.Insurer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a policy. The insurer must be certified (checked first: nothing is sent otherwise).</summary>
    /// <param name="rulesHash">The hash of the declared adjudication rules document (32 bytes), so members can check the rules they are judged by.</param>
    /// <param name="startsAt">Start of the coverage period (chain time).</param>
    /// <param name="endsAt">End of the coverage period (after <paramref name="startsAt"/>).</param>
    /// <param name="maxClaim">The most one claim may ask for, in MED's smallest unit (positive).</param>
    /// <param name="limits">How many undecided claims one member may hold, and how long the insurer has to decide a claim before its claimant may withdraw it; <see langword="null"/> for <see cref="PolicyLimits.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The policy's id.</returns>
    /// <exception cref="ArgumentException"><paramref name="rulesHash"/> is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxClaim"/> or a limit is not positive.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotCertified"/>: no live insurer credential.</exception>
    /// <exception cref="InvalidOperationException">The credentials or insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>InvalidPolicy</c>) or is down.</exception>
    public virtual async Task<PolicyOpening> OpenPolicyAsync(ReadOnlyMemory<byte> rulesHash, DateTimeOffset startsAt, DateTimeOffset endsAt, BigInteger maxClaim, PolicyLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxClaim);
        (limits ?? PolicyLimits.Default).Validate();
        return await ChainDiagnostics.TraceAsync("InsurerClient.OpenPolicy", async _ =>
        {
            await RequireCertifiedAsync(cancellationToken).ConfigureAwait(false);
            var claims = await ClaimsAsync("open a policy").ConfigureAwait(false);
            return await claims.OpenPolicyAsync(rulesHash, startsAt, endsAt, maxClaim, limits, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Enrols a member in (or removes one from) a policy. Claims filed before a removal stay payable.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="member">The member's account.</param>
    /// <param name="covered"><see langword="true"/> to enrol, <see langword="false"/> to remove.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>UnknownPolicy</c>, <c>NotPolicyInsurer</c>) or is down.</exception>
    public virtual async Task<TransactionResult> EnrollAsync(BigInteger policyId, EvmAddress member, bool covered = true, CancellationToken cancellationToken = default)
    {
        var claims = await ClaimsAsync("enrol a policy member").ConfigureAwait(false);
        return await ChainDiagnostics.TraceAsync("InsurerClient.Enroll", _ => claims.SetMemberAsync(policyId, member, covered, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Funds a policy's pool: approves the claims contract for <paramref name="amount"/> MED and moves it into the pool.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="amount">The MED, in the smallest unit (positive).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The funding transaction.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The MED token or insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NotPolicyInsurer</c>, <c>ERC20InsufficientBalance</c>) or is down.</exception>
    public virtual async Task<TransactionResult> FundPolicyAsync(BigInteger policyId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return await ChainDiagnostics.TraceAsync("InsurerClient.FundPolicy", async _ =>
        {
            var claims = await ClaimsAsync("fund a policy").ConfigureAwait(false);
            var token = await _client.GetMedTokenAsync(_signer, "fund a policy").ConfigureAwait(false);
            await token.ApproveAsync(claims.ContractAddress, amount, cancellationToken).ConfigureAwait(false);
            return await claims.FundAsync(policyId, amount, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Takes unreserved MED back from a policy's pool (what filed, undecided claims reserve stays).</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="amount">The MED, at most <see cref="InsurancePolicy.Available"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NotPolicyInsurer</c>, <c>InsufficientPool</c>) or is down.</exception>
    public virtual async Task<TransactionResult> WithdrawAsync(BigInteger policyId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var claims = await ClaimsAsync("withdraw from a policy").ConfigureAwait(false);
        return await ChainDiagnostics.TraceAsync("InsurerClient.Withdraw", _ => claims.WithdrawAsync(policyId, amount, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Reads a policy.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policy, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<InsurancePolicy?> GetPolicyAsync(BigInteger policyId, CancellationToken cancellationToken = default)
    {
        var claims = await ClaimsAsync("read a policy").ConfigureAwait(false);
        return await claims.GetPolicyAsync(policyId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a claim on chain.</summary>
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
        var claims = await ClaimsAsync("read a claim").ConfigureAwait(false);
        return await claims.GetClaimAsync(claimId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the claims filed under a policy, oldest first (<see cref="GetClaimAsync"/> tells where each stands).</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The filings.</returns>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<ClaimFiledEvent> ListClaimsAsync(BigInteger policyId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var claims = await ClaimsAsync("list claims").ConfigureAwait(false);
        await foreach (var filed in claims.GetFiledClaimsAsync(policyId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return filed;
        }
    }

    /// <summary>
    /// Opens a claim filed under one of this insurer's policies: finds the claim record the patient anchored, opens it
    /// for the payment purpose (the chain must hold the patient's live grant for that record; the read is logged),
    /// then opens each supporting record it lists the same way. Every record is verified against its anchor.
    /// </summary>
    /// <param name="claimId">The claim id (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claim, its document and its opened records.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claimId"/> is null.</exception>
    /// <exception cref="NotFoundException">No such claim, or its claim record is not found on chain or in the content store.</exception>
    /// <exception cref="AccessDeniedException">
    /// Code <see cref="AccessDenialCodes.NotPermitted"/>: the patient's grant for the claim record or a supporting record is missing, expired or revoked;
    /// <see cref="AccessDenialCodes.NotCertified"/>: this insurer holds no live credential; <see cref="MediBlocErrorCode.NotARecipient"/>: a record is not wrapped for this insurer.
    /// </exception>
    /// <exception cref="IntegrityException">A record failed a check, or the claim record is malformed or names another patient or policy.</exception>
    /// <exception cref="InvalidOperationException">An address this needs is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read or a read could not be logged.</exception>
    public virtual async Task<SubmittedClaim> OpenClaimAsync(string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        return await ChainDiagnostics.TraceAsync("InsurerClient.OpenClaim", async activity =>
        {
            var claims = await ClaimsAsync("open a claim").ConfigureAwait(false);
            var claim = await claims.GetClaimAsync(claimId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No claim {claimId} is filed.");
            var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
            RecordAnchoredEvent? anchored = null;
            await foreach (var e in registry.GetAnchoredEventsAsync(owner: claim.Patient, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (e.RecordId.ToString() == claim.ClaimRecordId && e.ContentType == ClaimPackage.PackageContentType)
                {
                    anchored = e;
                    break;
                }
            }
            if (anchored is null || !ContentId.TryParse(anchored.Cid, out var claimCid))
            {
                throw new NotFoundException($"The claim record of claim {claimId} is not anchored by its patient.");
            }
            var opener = new RecordOpener(_client, _signer);
            var opened = await opener.OpenAsync(claimCid, ClaimPackage.PaymentPurpose, cancellationToken).ConfigureAwait(false);
            var package = ClaimPackage.Parse(opened.Content);
            if (package.PatientKey.Address != claim.Patient || package.PolicyId != claim.PolicyId)
            {
                throw new IntegrityException($"The claim record of claim {claimId} names another patient or policy than the filing.", IntegrityCheck.Format);
            }
            var records = new List<OpenedRecord>();
            foreach (var reference in package.Records)
            {
                var record = await opener.OpenAsync(reference.Cid, ClaimPackage.PaymentPurpose, cancellationToken).ConfigureAwait(false);
                if (record.Owner != claim.Patient || record.Commitment != reference.Commitment)
                {
                    throw new IntegrityException($"A supporting record of claim {claimId} is not the patient's record it names.", IntegrityCheck.Format) { Cid = reference.Cid.ToString() };
                }
                records.Add(record);
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, records.Count);
            return new SubmittedClaim(claim, package.PatientKey, package.Claim, package.ContentType, records);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens any record for the payment purpose, as <see cref="OpenClaimAsync"/> opens a claim's records: refused
    /// unless the owner's live grant lets this insurer read that record for <c>HPAYMT</c>; the read is logged.
    /// </summary>
    /// <param name="cid">The envelope (re-wrapped for this insurer).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The verified plaintext.</returns>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotPermitted"/>: no live payment grant for this record; <see cref="AccessDenialCodes.NotCertified"/>: no live credential; <see cref="MediBlocErrorCode.NotARecipient"/>: not wrapped for this insurer.</exception>
    /// <exception cref="NotFoundException">The content store lacks the envelope.</exception>
    /// <exception cref="IntegrityException">The record failed a check.</exception>
    /// <exception cref="InvalidOperationException">An address this needs is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read or the read could not be logged.</exception>
    public virtual Task<OpenedRecord> OpenRecordAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        new RecordOpener(_client, _signer).OpenAsync(cid, ClaimPackage.PaymentPurpose, cancellationToken);

    /// <summary>
    /// Pays a claim: seals the decision document to the patient and this insurer, stores it, and pays
    /// <paramref name="amount"/> MED from the pool to the claim's payee in a transaction that names the document; final.
    /// </summary>
    /// <param name="claim">The claim, as <see cref="OpenClaimAsync"/> returned it.</param>
    /// <param name="amount">The MED paid (positive, at most the claimed amount).</param>
    /// <param name="decisionDocument">The decision document (for example a FHIR Bundle of the ClaimResponse and the ExplanationOfBenefit).</param>
    /// <param name="contentType">Its content type.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The payment transaction.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (<c>AlreadyDecided</c>, <c>NotPolicyInsurer</c>, <c>NotInsurer</c>, <c>InvalidAmount</c>) or is down.</exception>
    public virtual async Task<TransactionResult> PayClaimAsync(SubmittedClaim claim, BigInteger amount, ReadOnlyMemory<byte> decisionDocument, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return await ChainDiagnostics.TraceAsync("InsurerClient.PayClaim", async _ =>
        {
            var claims = await ClaimsAsync("pay a claim").ConfigureAwait(false);
            var cid = await StoreDecisionAsync(claim, decisionDocument, contentType, cancellationToken).ConfigureAwait(false);
            return await claims.PayAsync(claim.Claim.ClaimId, amount, cid.ToString(), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Denies a claim with a typed reason: seals the decision document to the patient and this insurer, stores it, and denies on chain naming it; final.</summary>
    /// <param name="claim">The claim, as <see cref="OpenClaimAsync"/> returned it.</param>
    /// <param name="reason">Why (not <see cref="ClaimDenialReason.None"/>).</param>
    /// <param name="decisionDocument">The decision document.</param>
    /// <param name="contentType">Its content type.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The denial transaction.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is <see cref="ClaimDenialReason.None"/>.</exception>
    /// <exception cref="InvalidOperationException">The insurance claims address is not set.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain refused (<c>AlreadyDecided</c>, <c>NotPolicyInsurer</c>, <c>NotInsurer</c>) or is down.</exception>
    public virtual async Task<TransactionResult> DenyClaimAsync(SubmittedClaim claim, ClaimDenialReason reason, ReadOnlyMemory<byte> decisionDocument, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (reason == ClaimDenialReason.None)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), "A denial needs a reason.");
        }
        return await ChainDiagnostics.TraceAsync("InsurerClient.DenyClaim", async _ =>
        {
            var claims = await ClaimsAsync("deny a claim").ConfigureAwait(false);
            var cid = await StoreDecisionAsync(claim, decisionDocument, contentType, cancellationToken).ConfigureAwait(false);
            return await claims.DenyAsync(claim.Claim.ClaimId, reason, cid.ToString(), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<ContentId> StoreDecisionAsync(SubmittedClaim claim, ReadOnlyMemory<byte> document, string contentType, CancellationToken cancellationToken)
    {
        var sealedEnvelope = RecordEnvelope.Seal(document.Span, contentType, [claim.PatientKey, _signer.PublicKey]);
        using var stream = new MemoryStream(sealedEnvelope.Envelope.ToArray(), writable: false);
        return await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    private async Task RequireCertifiedAsync(CancellationToken cancellationToken)
    {
        if (!await IsCertifiedAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException($"{Address} holds no live insurer credential; get certified by an authority first.", AccessDenialCodes.NotCertified);
        }
    }

    private Task<InsuranceClaimsClient> ClaimsAsync(string workflow) => _client.GetInsuranceClaimsAsync(_signer, workflow);
}
