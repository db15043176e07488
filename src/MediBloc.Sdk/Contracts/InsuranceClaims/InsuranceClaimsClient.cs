using System.Numerics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts.InsuranceClaims.Messages;
using MediBloc.Sdk.Crypto;
using Nethereum.ABI;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>
/// The insurance claims contract: a certified insurer opens a policy (the hash of its declared adjudication rules, a
/// coverage period, a per-claim cap), enrols members and funds the policy's pool in MED. A member files a claim
/// naming a claim record and the encounter record (the record holding the Encounter it bills) it anchored, and a
/// payee; the claimed amount is reserved in the pool. An encounter record is claimed at most once per policy. The policy's insurer,
/// while certified, pays (at most the claimed amount) or denies with a reason code, once. A withdrawal takes only the
/// unreserved part of the pool. A member holds at most the policy's <see cref="PolicyLimits.MaxOpenClaims"/> undecided
/// claims, and may withdraw an undecided claim of its own once the policy's <see cref="PolicyLimits.DecisionWindow"/> has
/// passed since filing.
/// </summary>
/// <remarks>Thread-safe. Amounts are in MED's smallest unit; times are chain time. The connection's account sends
/// every transaction.</remarks>
public class InsuranceClaimsClient : ContractClient
{
    /// <summary>For mocking only.</summary>
    protected InsuranceClaimsClient()
    {
    }

    /// <summary>Creates a client for an <c>InsuranceClaims</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InsuranceClaimsClient(ChainConnection connection, EvmAddress contractAddress)
        : base(connection, contractAddress, nameof(InsuranceClaimsClient), [.. ContractArtifact.InsuranceClaims.Errors, .. ContractArtifact.MedToken.Errors])
    {
    }

    /// <summary>The account that sends this client's transactions.</summary>
    public virtual EvmAddress SenderAddress => Connection.Address;

    /// <summary>Deploys a claims contract.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="medTokenAddress">The MED token.</param>
    /// <param name="credentialsAddress">The credential registry that certifies insurers.</param>
    /// <param name="registryAddress">The record registry where claim records are anchored.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed (<c>ZeroValue</c> for a zero address).</exception>
    public static async Task<InsuranceClaimsClient> DeployAsync(ChainConnection connection, EvmAddress medTokenAddress, EvmAddress credentialsAddress, EvmAddress registryAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var arguments = new ABIEncode().GetABIEncoded(
            new ABIValue("address", medTokenAddress.ToString()),
            new ABIValue("address", credentialsAddress.ToString()),
            new ABIValue("address", registryAddress.ToString()));
        var deployment = await connection.DeployAsync(ContractArtifact.InsuranceClaims, arguments, cancellationToken).ConfigureAwait(false);
        return new InsuranceClaimsClient(connection, deployment.ContractAddress);
    }

    /// <summary>The claim id of a claim record filed under a policy: keccak256(abi.encode(policyId, claimRecordId)).</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="claimRecordId">The claim record's id.</param>
    /// <returns>The claim id (0x-hex).</returns>
    public static string ComputeClaimId(BigInteger policyId, RecordId claimRecordId) =>
        Keccak256.Hash(new ABIEncode().GetABIEncoded(new ABIValue("uint256", policyId), new ABIValue("bytes32", claimRecordId.ToBytes()))).ToHex(true);

    /// <summary>Opens a policy. The connection's account must be a certified insurer.</summary>
    /// <param name="rulesHash">The hash of the declared rules document (32 bytes).</param>
    /// <param name="startsAt">Start of the coverage period.</param>
    /// <param name="endsAt">End of the coverage period (after <paramref name="startsAt"/>).</param>
    /// <param name="maxClaim">The most one claim may ask for (positive).</param>
    /// <param name="limits">The open-claim limit and the decision window, or <see langword="null"/> for <see cref="PolicyLimits.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The policy's id.</returns>
    /// <exception cref="ArgumentException"><paramref name="rulesHash"/> is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxClaim"/> is not positive, a time is before 1970, or a limit is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotInsurer</c>, <c>InvalidPolicy</c>.</exception>
    public virtual async Task<PolicyOpening> OpenPolicyAsync(ReadOnlyMemory<byte> rulesHash, DateTimeOffset startsAt, DateTimeOffset endsAt, BigInteger maxClaim, PolicyLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var rules = AbiValues.Bytes32(rulesHash.Span, nameof(rulesHash));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxClaim);
        var (maxOpenClaims, decisionWindow) = (limits ?? PolicyLimits.Default).Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(startsAt.ToUnixTimeSeconds(), nameof(startsAt));
        ArgumentOutOfRangeException.ThrowIfNegative(endsAt.ToUnixTimeSeconds(), nameof(endsAt));
        var message = new OpenPolicyFunction { Rules = rules, StartsAt = (ulong)startsAt.ToUnixTimeSeconds(), EndsAt = (ulong)endsAt.ToUnixTimeSeconds(), MaxClaim = maxClaim, MaxOpenClaims = maxOpenClaims, DecisionWindow = decisionWindow };
        var receipt = await SendReceiptAsync(message, "OpenPolicy", "open an insurance policy", cancellationToken).ConfigureAwait(false);
        var opened = receipt.DecodeAllEvents<PolicyOpenedEventDto>().Single().Event;
        return new PolicyOpening(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, opened.PolicyId);
    }

    /// <summary>Enrols (or removes) a member. The policy's insurer only.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="member">The member's account.</param>
    /// <param name="covered"><see langword="true"/> to enrol, <see langword="false"/> to remove.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownPolicy</c>, <c>NotPolicyInsurer</c>.</exception>
    public virtual Task<TransactionResult> SetMemberAsync(BigInteger policyId, EvmAddress member, bool covered, CancellationToken cancellationToken = default) =>
        SendAsync(new SetMemberFunction { PolicyId = policyId, Member = member.ToString(), Covered = covered }, "SetMember", "enrol a policy member", cancellationToken);

    /// <summary>Adds MED to a policy's pool; approve <paramref name="amount"/> to <see cref="ContractClient.ContractAddress"/> first. The policy's insurer only.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="amount">The MED (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownPolicy</c>, <c>NotPolicyInsurer</c>, <c>ERC20InsufficientAllowance</c>, <c>ERC20InsufficientBalance</c>.</exception>
    public virtual Task<TransactionResult> FundAsync(BigInteger policyId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return SendAsync(new FundFunction { PolicyId = policyId, Amount = amount }, "Fund", "fund a policy pool", cancellationToken);
    }

    /// <summary>Takes unreserved MED back from a policy's pool to the insurer. The policy's insurer only.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="amount">The MED (positive, at most <see cref="InsurancePolicy.Available"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownPolicy</c>, <c>NotPolicyInsurer</c>, <c>InsufficientPool</c>.</exception>
    public virtual Task<TransactionResult> WithdrawAsync(BigInteger policyId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return SendAsync(new WithdrawFunction { PolicyId = policyId, Amount = amount }, "Withdraw", "withdraw from a policy pool", cancellationToken);
    }

    /// <summary>Files a claim: the connection's account must be a member of the policy and own the anchored claim record and encounter record; no claim may name that encounter record under the policy yet.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="claimRecordId">The record id of the claim record the sender anchored.</param>
    /// <param name="encounterRecordId">The record id of the sender's anchored record holding the claim's Encounter.</param>
    /// <param name="payee">Who receives the payment.</param>
    /// <param name="amount">The MED claimed (positive, at most the policy's cap and its unreserved pool).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The claim id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownPolicy</c>, <c>NotMember</c>, <c>OutsideCoverage</c>, <c>AboveMaxClaim</c>, <c>NotRecordOwner</c>, <c>AlreadyFiled</c>, <c>EncounterAlreadyClaimed</c>, <c>TooManyOpenClaims</c>, <c>InsufficientPool</c>.</exception>
    public virtual async Task<ClaimFiling> FileClaimAsync(BigInteger policyId, RecordId claimRecordId, RecordId encounterRecordId, EvmAddress payee, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var message = new FileClaimFunction { PolicyId = policyId, ClaimRecordId = claimRecordId.ToBytes(), EncounterRecordId = encounterRecordId.ToBytes(), Payee = payee.ToString(), Amount = amount };
        var receipt = await SendReceiptAsync(message, "FileClaim", "file an insurance claim", cancellationToken).ConfigureAwait(false);
        var filed = receipt.DecodeAllEvents<ClaimFiledEventDto>().Single().Event;
        return new ClaimFiling(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, filed.ClaimId.ToHex(true), filed.Amount);
    }

    /// <summary>Pays a filed claim to its payee; final. The policy's insurer only, holding a live insurer credential.</summary>
    /// <param name="claimId">The claim (0x-hex).</param>
    /// <param name="amount">The MED paid (positive, at most the claimed amount).</param>
    /// <param name="decisionCid">The CID of the sealed decision document, or <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="claimId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownClaim</c>, <c>AlreadyDecided</c>, <c>NotPolicyInsurer</c>, <c>NotInsurer</c>, <c>InvalidAmount</c>, <c>BadDecisionRef</c>.</exception>
    public virtual Task<TransactionResult> PayAsync(string claimId, BigInteger amount, string? decisionCid = null, CancellationToken cancellationToken = default) =>
        SendAsync(new PayFunction { ClaimId = AbiValues.Bytes32(claimId, nameof(claimId)), Amount = amount, DecisionCid = decisionCid ?? string.Empty }, "Pay", "pay an insurance claim", cancellationToken);

    /// <summary>Denies a filed claim with a reason code; final. The policy's insurer only, holding a live insurer credential.</summary>
    /// <param name="claimId">The claim (0x-hex).</param>
    /// <param name="reason">Why (not <see cref="ClaimDenialReason.None"/>).</param>
    /// <param name="decisionCid">The CID of the sealed decision document, or <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="claimId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownClaim</c>, <c>AlreadyDecided</c>, <c>NotPolicyInsurer</c>, <c>NotInsurer</c>, <c>MissingReason</c>, <c>BadDecisionRef</c>.</exception>
    public virtual Task<TransactionResult> DenyAsync(string claimId, ClaimDenialReason reason, string? decisionCid = null, CancellationToken cancellationToken = default) =>
        SendAsync(new DenyFunction { ClaimId = AbiValues.Bytes32(claimId, nameof(claimId)), Reason = (ushort)reason, DecisionCid = decisionCid ?? string.Empty }, "Deny", "deny an insurance claim", cancellationToken);

    /// <summary>Withdraws an undecided claim once the policy's decision window has passed since filing; final, and its reservation is released (the encounter record stays claimed). The claimant only.</summary>
    /// <param name="claimId">The claim (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="claimId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownClaim</c>, <c>NotClaimant</c>, <c>AlreadyDecided</c>, <c>DecisionPending</c>.</exception>
    public virtual Task<TransactionResult> WithdrawClaimAsync(string claimId, CancellationToken cancellationToken = default) =>
        SendAsync(new WithdrawClaimFunction { ClaimId = AbiValues.Bytes32(claimId, nameof(claimId)) }, "WithdrawClaim", "withdraw an insurance claim", cancellationToken);

    /// <summary>How many undecided claims a member holds under a policy (at most its <see cref="InsurancePolicy.MaxOpenClaims"/>).</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="member">The member's account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count of the member's filed, undecided claims.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<int> GetOpenClaimCountAsync(BigInteger policyId, EvmAddress member, CancellationToken cancellationToken = default) =>
        (int)(await CallAsync<OpenClaimsOfFunction, OpenClaimsOfOutput>(new OpenClaimsOfFunction { PolicyId = policyId, Member = member.ToString() }, cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>Reads the decision on a claim (its <c>ClaimPaid</c> or <c>ClaimDenied</c> event), or its claimant's withdrawal (<c>ClaimWithdrawn</c>).</summary>
    /// <param name="claimId">The claim (0x-hex).</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision (or withdrawal), or <see langword="null"/> while the claim is undecided.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="claimId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<ClaimDecisionEvent?> GetDecisionAsync(string claimId, long fromBlock = 0, CancellationToken cancellationToken = default)
    {
        var topic = AbiValues.Bytes32(claimId, nameof(claimId)).ToHex(true);
        await foreach (var log in Connection.GetEventsAsync<ClaimPaidEventDto>(ContractAddress, [topic], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            return new ClaimDecisionEvent(topic, e.PolicyId, InsuranceClaimStatus.Paid, e.Amount, ClaimDenialReason.None, e.DecisionCid, (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
        await foreach (var log in Connection.GetEventsAsync<ClaimDeniedEventDto>(ContractAddress, [topic], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            return new ClaimDecisionEvent(topic, e.PolicyId, InsuranceClaimStatus.Denied, BigInteger.Zero, (ClaimDenialReason)e.Reason, e.DecisionCid, (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
        await foreach (var log in Connection.GetEventsAsync<ClaimWithdrawnEventDto>(ContractAddress, [topic], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            return new ClaimDecisionEvent(topic, log.Event.PolicyId, InsuranceClaimStatus.Withdrawn, BigInteger.Zero, ClaimDenialReason.None, string.Empty, (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
        return null;
    }

    /// <summary>Reads a policy.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policy, or <see langword="null"/> when no policy has that id.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<InsurancePolicy?> GetPolicyAsync(BigInteger policyId, CancellationToken cancellationToken = default)
    {
        var p = (await CallAsync<GetPolicyFunction, GetPolicyOutput>(new GetPolicyFunction { PolicyId = policyId }, cancellationToken).ConfigureAwait(false)).ReturnValue1;
        if (AbiValues.DecodedOrNull(p.Insurer) is not { } insurer)
        {
            return null;
        }
        return new InsurancePolicy(policyId, insurer, p.Rules.ToHex(true), AbiValues.Time(p.StartsAt), AbiValues.Time(p.EndsAt), p.MaxClaim,
            p.Pool, p.Reserved, p.Funded, p.Paid, p.Withdrawn, (int)p.MaxOpenClaims, TimeSpan.FromSeconds(p.DecisionWindow));
    }

    /// <summary>Reads a claim.</summary>
    /// <param name="claimId">The claim (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claim, or <see langword="null"/> when no claim has that id.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="claimId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<InsuranceClaim?> GetClaimAsync(string claimId, CancellationToken cancellationToken = default)
    {
        var id = AbiValues.Bytes32(claimId, nameof(claimId));
        var c = (await CallAsync<GetClaimFunction, GetClaimOutput>(new GetClaimFunction { ClaimId = id }, cancellationToken).ConfigureAwait(false)).ReturnValue1;
        if (c.Status == 0)
        {
            return null;
        }
        return new InsuranceClaim(id.ToHex(true), c.PolicyId, AbiValues.Decoded(c.Patient), AbiValues.Decoded(c.Payee), c.ClaimRecordId.ToHex(true), c.EncounterRecordId.ToHex(true),
            c.Amount, c.Paid, (InsuranceClaimStatus)c.Status, (ClaimDenialReason)c.Reason, AbiValues.Time(c.FiledAt));
    }

    /// <summary>The claim filed under a policy for an encounter record, if any (one claim per encounter record and policy).</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="encounterRecordId">The encounter record's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claim id (0x-hex), or <see langword="null"/> when no claim names the encounter record.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<string?> GetClaimOfEncounterAsync(BigInteger policyId, RecordId encounterRecordId, CancellationToken cancellationToken = default)
    {
        var id = (await CallAsync<ClaimOfEncounterFunction, ClaimOfEncounterOutput>(new ClaimOfEncounterFunction { PolicyId = policyId, EncounterRecordId = encounterRecordId.ToBytes() }, cancellationToken).ConfigureAwait(false)).ReturnValue1;
        return id.All(b => b == 0) ? null : id.ToHex(true);
    }

    /// <summary>Whether an account is a member of a policy.</summary>
    /// <param name="policyId">The policy.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when enrolled.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<bool> IsMemberAsync(BigInteger policyId, EvmAddress account, CancellationToken cancellationToken = default) =>
        (await CallAsync<IsMemberFunction, IsMemberOutput>(new IsMemberFunction { PolicyId = policyId, Account = account.ToString() }, cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>Lists the claims filed (under one policy, or by one patient), from <c>ClaimFiled</c> events; <see cref="GetClaimAsync"/> tells where each stands.</summary>
    /// <param name="policyId">Only this policy's claims, or <see langword="null"/> for all.</param>
    /// <param name="patient">Only this patient's claims, or <see langword="null"/> for all.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The filings, oldest first.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<ClaimFiledEvent> GetFiledClaimsAsync(BigInteger? policyId = null, EvmAddress? patient = null, long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string?[] topics = [null, policyId is { } id ? Topic(id) : null, patient is { } p ? AbiValues.AddressTopic(p) : null];
        await foreach (var log in Connection.GetEventsAsync<ClaimFiledEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new ClaimFiledEvent(e.ClaimId.ToHex(true), e.PolicyId, AbiValues.Decoded(e.Patient), e.ClaimRecordId.ToHex(true), e.EncounterRecordId.ToHex(true), AbiValues.Decoded(e.Payee), e.Amount,
                (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
    }

    private static string Topic(BigInteger value) => "0x" + value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..];

    private Task<TOutput> CallAsync<TFunction, TOutput>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new() =>
        Connection.CallAsync<TFunction, TOutput>(ContractAddress, message, Errors, "read the insurance claims contract", cancellationToken);
}
