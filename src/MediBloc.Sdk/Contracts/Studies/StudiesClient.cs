using System.Numerics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts.Studies.Messages;
using MediBloc.Sdk.Storage;
using Nethereum.ABI;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Contracts.Studies;

/// <summary>
/// The <c>Studies</c> contract (clinical-trial recruitment): certified researchers post studies (the SHA-256 of a
/// public study document); patients signal interest anonymously, each interest signed by a key derived for that study
/// alone (the chain counts handles and its events carry counts only); a patient enrols by signing an enrolment bound to
/// the study, the consent's hash and the patient's nonce, and withdraws by signing a withdrawal. Any account (a relayer)
/// may submit interests, enrolments and withdrawals; the signatures decide.
/// </summary>
/// <remarks>Thread-safe. All times are chain time.</remarks>
public class StudiesClient : ContractClient
{
    private const string DomainName = "MediBloc Studies";
    private const string DomainVersion = "1";

    /// <summary>For mocking only.</summary>
    protected StudiesClient()
    {
    }

    /// <summary>Creates a client for a <c>Studies</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The submitting account and node.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public StudiesClient(ChainConnection connection, EvmAddress contractAddress)
        : base(connection, contractAddress, nameof(StudiesClient), ContractArtifact.Studies.Errors)
    {
    }

    /// <summary>Deploys a studies contract that reads researcher credentials from <paramref name="credentialsAddress"/>.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="credentialsAddress">The credentials contract.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<StudiesClient> DeployAsync(ChainConnection connection, EvmAddress credentialsAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var arguments = new ABIEncode().GetABIEncoded(new ABIValue("address", credentialsAddress.ToString()));
        var deployment = await connection.DeployAsync(ContractArtifact.Studies, arguments, cancellationToken).ConfigureAwait(false);
        return new StudiesClient(connection, deployment.ContractAddress);
    }

    /// <summary>The handle of the interest an interest key controls: keccak256 of its address (0x-hex).</summary>
    /// <param name="interestKey">The interest key.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interestKey"/> is null.</exception>
    public static string ComputeHandle(Secp256k1PrivateKey interestKey)
    {
        ArgumentNullException.ThrowIfNull(interestKey);
        return Keccak256.Hash(interestKey.Address.ToBytes()).ToHex(true);
    }

    /// <summary>Posts a study; the connection's account must hold a live researcher credential.</summary>
    /// <param name="documentDigest">SHA-256 of the study document (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts and the new study's id.</returns>
    /// <exception cref="ArgumentException"><paramref name="documentDigest"/> is not 32 bytes.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotResearcher</c>, <c>InvalidDocument</c>.</exception>
    public virtual async Task<PostedStudy> PostStudyAsync(ReadOnlyMemory<byte> documentDigest, CancellationToken cancellationToken = default)
    {
        var digest = AbiValues.Bytes32(documentDigest.Span, nameof(documentDigest));
        var receipt = await SendReceiptAsync(new PostStudyFunction { DocumentDigest = digest }, "PostStudy", "post a study", cancellationToken).ConfigureAwait(false);
        var posted = receipt.DecodeAllEvents<StudyPostedEventDto>().Single().Event;
        var cid = new ContentId(1, ContentCodec.Raw, Multihash.FromSha2_256Digest(digest)).ToString();
        return new PostedStudy(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, posted.StudyId, cid);
    }

    /// <summary>Closes a study for good. The study's researcher only.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownStudy</c>, <c>StudyNotOpen</c>, <c>NotStudyResearcher</c>.</exception>
    public virtual Task<TransactionResult> CloseStudyAsync(BigInteger studyId, CancellationToken cancellationToken = default) =>
        SendAsync(new CloseStudyFunction { StudyId = studyId }, "CloseStudy", "close a study", cancellationToken);

    /// <summary>Signals interest in an open study, signed by <paramref name="interestKey"/>; the connection's account (a relayer) submits it.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="interestKey">The key derived for this study alone.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interestKey"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownStudy</c>, <c>StudyNotOpen</c>, <c>InterestExists</c>.</exception>
    public virtual async Task<TransactionResult> SignalInterestAsync(BigInteger studyId, Secp256k1PrivateKey interestKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interestKey);
        var handle = ComputeHandle(interestKey).HexToByteArray();
        var digest = await CallAsync<HashInterestFunction, HashInterestOutput>(new HashInterestFunction { StudyId = studyId, Handle = handle, Interested = true }, cancellationToken).ConfigureAwait(false);
        var message = new SignalInterestFunction { StudyId = studyId, Handle = handle, Signature = Secp256k1Ecdsa.SignHash(digest.ReturnValue1, interestKey).ToRsv() };
        return await SendAsync(message, "SignalInterest", "signal interest in a study", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes back an interest (final for this key), signed by <paramref name="interestKey"/>.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="interestKey">The key that signalled the interest.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interestKey"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownStudy</c>, <c>NoInterest</c>.</exception>
    public virtual async Task<TransactionResult> WithdrawInterestAsync(BigInteger studyId, Secp256k1PrivateKey interestKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interestKey);
        var handle = ComputeHandle(interestKey).HexToByteArray();
        var digest = await CallAsync<HashInterestFunction, HashInterestOutput>(new HashInterestFunction { StudyId = studyId, Handle = handle, Interested = false }, cancellationToken).ConfigureAwait(false);
        var message = new WithdrawInterestFunction { StudyId = studyId, Handle = handle, Signature = Secp256k1Ecdsa.SignHash(digest.ReturnValue1, interestKey).ToRsv() };
        return await SendAsync(message, "WithdrawInterest", "withdraw interest in a study", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The patient signs an enrolment: the study, the consent's hash and the patient's current nonce (so it cannot be replayed into another study or reused).</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="patient">The patient's signer.</param>
    /// <param name="consentDigest">SHA-256 of the consent document (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The 65-byte signature (over EIP-712 typed data <c>StudyEnrolment</c>) to pass to <see cref="EnrolAsync"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="consentDigest"/> is not 32 bytes.</exception>
    /// <exception cref="InvalidOperationException">The contract computes another digest than the SDK (not a Studies contract of this version).</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<byte[]> SignEnrolmentAsync(BigInteger studyId, MediBlocSigner patient, ReadOnlyMemory<byte> consentDigest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var consent = AbiValues.Bytes32(consentDigest.Span, nameof(consentDigest));
        var nonce = await GetNonceAsync(patient.Address, cancellationToken).ConfigureAwait(false);
        var digest = await CallAsync<HashEnrolmentFunction, HashEnrolmentOutput>(
            new HashEnrolmentFunction { StudyId = studyId, Patient = patient.Address.ToString(), ConsentDigest = consent, Nonce = nonce }, cancellationToken).ConfigureAwait(false);
        var typedData = TypedData("StudyEnrolment",
        [
            new("studyId", "uint256", studyId),
            new("patient", "address", patient.Address.ToString()),
            new("consentDigest", "bytes32", consent),
            new("nonce", "uint256", nonce),
        ], digest.ReturnValue1);
        return (await patient.SignTypedDataAsync(typedData, cancellationToken).ConfigureAwait(false)).ToRsv();
    }

    /// <summary>Submits a signed enrolment; the connection's account only pays gas.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="patient">The patient who signed.</param>
    /// <param name="consentDigest">SHA-256 of the consent document (32 bytes).</param>
    /// <param name="signature">The patient's signature from <see cref="SignEnrolmentAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="consentDigest"/> is not 32 bytes.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownStudy</c>, <c>StudyNotOpen</c>, <c>NotPatient</c> (not the patient's signature over this study, consent and nonce), <c>AlreadyParticipating</c>.</exception>
    public virtual Task<TransactionResult> EnrolAsync(BigInteger studyId, EvmAddress patient, ReadOnlyMemory<byte> consentDigest, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default)
    {
        var consent = AbiValues.Bytes32(consentDigest.Span, nameof(consentDigest));
        var message = new EnrolFunction { StudyId = studyId, Patient = patient.ToString(), ConsentDigest = consent, Signature = signature.ToArray() };
        return SendAsync(message, "Enrol", "enrol in a study", cancellationToken);
    }

    /// <summary>The patient signs a withdrawal from a study (bound to the patient's current nonce).</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="patient">The patient's signer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The 65-byte signature (over EIP-712 typed data <c>StudyWithdrawal</c>) to pass to <see cref="WithdrawAsync"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patient"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The contract computes another digest than the SDK (not a Studies contract of this version).</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<byte[]> SignWithdrawalAsync(BigInteger studyId, MediBlocSigner patient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var nonce = await GetNonceAsync(patient.Address, cancellationToken).ConfigureAwait(false);
        var digest = await CallAsync<HashWithdrawalFunction, HashWithdrawalOutput>(
            new HashWithdrawalFunction { StudyId = studyId, Patient = patient.Address.ToString(), Nonce = nonce }, cancellationToken).ConfigureAwait(false);
        var typedData = TypedData("StudyWithdrawal",
        [
            new("studyId", "uint256", studyId),
            new("patient", "address", patient.Address.ToString()),
            new("nonce", "uint256", nonce),
        ], digest.ReturnValue1);
        return (await patient.SignTypedDataAsync(typedData, cancellationToken).ConfigureAwait(false)).ToRsv();
    }

    /// <summary>Submits a signed withdrawal; the connection's account only pays gas.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="patient">The patient who signed.</param>
    /// <param name="signature">The patient's signature from <see cref="SignWithdrawalAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownStudy</c>, <c>NotEnrolled</c>, <c>NotPatient</c>.</exception>
    public virtual Task<TransactionResult> WithdrawAsync(BigInteger studyId, EvmAddress patient, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default) =>
        SendAsync(new WithdrawFunction { StudyId = studyId, Patient = patient.ToString(), Signature = signature.ToArray() }, "Withdraw", "withdraw from a study", cancellationToken);

    /// <summary>Reads a study.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The study, or <see langword="null"/> when no study has that id.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Study?> GetStudyAsync(BigInteger studyId, CancellationToken cancellationToken = default)
    {
        var o = await CallAsync<GetStudyFunction, GetStudyOutput>(new GetStudyFunction { StudyId = studyId }, cancellationToken).ConfigureAwait(false);
        if (o.Status == 0)
        {
            return null;
        }
        return new Study(studyId, AbiValues.Decoded(o.Researcher), AbiValues.Time(o.PostedAt), (StudyStatus)o.Status, (int)o.Interested, (int)o.Enrolled, o.DocumentDigest.ToHex(true));
    }

    /// <summary>Reads a patient's participation in a study.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The participation (status <see cref="StudyParticipationStatus.None"/> when the patient never enrolled).</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<StudyParticipation> GetParticipationAsync(BigInteger studyId, EvmAddress patient, CancellationToken cancellationToken = default)
    {
        var o = await CallAsync<GetParticipationFunction, GetParticipationOutput>(new GetParticipationFunction { StudyId = studyId, Patient = patient.ToString() }, cancellationToken).ConfigureAwait(false);
        return new StudyParticipation((StudyParticipationStatus)o.Status, o.Status == 0 ? null : o.ConsentDigest.ToHex(true));
    }

    /// <summary>Reads the state of the interest an interest key controls.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="handle">The interest's handle (0x-hex, 32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>None, interested or withdrawn.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="handle"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<StudyInterestStatus> GetInterestAsync(BigInteger studyId, string handle, CancellationToken cancellationToken = default)
    {
        var o = await CallAsync<GetInterestFunction, GetInterestOutput>(new GetInterestFunction { StudyId = studyId, Handle = AbiValues.Bytes32(handle, nameof(handle)) }, cancellationToken).ConfigureAwait(false);
        return (StudyInterestStatus)o.ReturnValue1;
    }

    /// <summary>The nonce a patient's next enrolment or withdrawal is signed with.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The nonce.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<BigInteger> GetNonceAsync(EvmAddress patient, CancellationToken cancellationToken = default) =>
        (await CallAsync<NonceOfFunction, NonceOfOutput>(new NonceOfFunction { Patient = patient.ToString() }, cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>Lists the posted studies' ids, from <c>StudyPosted</c> events.</summary>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The ids, oldest first.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<BigInteger> GetPostedStudyIdsAsync(long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var log in Connection.GetEventsAsync<StudyPostedEventDto>(ContractAddress, [], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            yield return log.Event.StudyId;
        }
    }

    /// <summary>Lists a study's enrolments, from <c>Enrolled</c> events, each with its participation's state now.</summary>
    /// <param name="studyId">The study.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The enrolments, oldest first.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<StudyEnrolment> GetEnrolmentsAsync(BigInteger studyId, long fromBlock = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var topic = "0x" + studyId.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..];
        await foreach (var log in Connection.GetEventsAsync<EnrolledEventDto>(ContractAddress, [topic], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var patient = AbiValues.Decoded(log.Event.Patient);
            var now = await GetParticipationAsync(studyId, patient, cancellationToken).ConfigureAwait(false);
            yield return new StudyEnrolment(studyId, patient, log.Event.ConsentDigest.ToHex(true), now.Status, (long)log.Log.BlockNumber.Value, log.Log.TransactionHash);
        }
    }

    /// <summary>
    /// The EIP-712 typed data the patient signs (a wallet shows its fields, not a bare hash), checked against the digest
    /// the contract computes: a contract that hashes otherwise is not a Studies contract this SDK can sign for.
    /// </summary>
    private string TypedData(string primaryType, IReadOnlyList<TypedDataJson.Field> fields, byte[] contractDigest)
    {
        var json = TypedDataJson.Write(DomainName, DomainVersion, Connection.ChainId, ContractAddress.ToString(), primaryType, fields);
        if (!Eip712.Hash(json).AsSpan().SequenceEqual(contractDigest))
        {
            throw new InvalidOperationException(
                $"The contract at {ContractAddress} computes a different {primaryType} digest than the SDK: it is not a Studies contract (EIP-712 domain '{DomainName}' version {DomainVersion}) this SDK can sign for.");
        }
        return json;
    }

    private Task<TOutput> CallAsync<TFunction, TOutput>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new() =>
        Connection.CallAsync<TFunction, TOutput>(ContractAddress, message, Errors, "read the studies contract", cancellationToken);
}
