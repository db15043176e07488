using MediBloc.Sdk.Crypto;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.EmergencyAccess.Messages;
using Nethereum.ABI;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Contracts.EmergencyAccess;

/// <summary>
/// Break-the-glass: a patient names a vital-info profile record; a certified emergency provider may then access it
/// without the patient's approval, and every access is recorded as a <c>BreakTheGlass</c> event the patient can list.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public class EmergencyAccessClient : ContractClient
{
    /// <summary>For mocking only.</summary>
    protected EmergencyAccessClient()
    {
    }

    /// <summary>Creates a client for an <c>EmergencyAccess</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public EmergencyAccessClient(ChainConnection connection, EvmAddress contractAddress)
        : base(connection, contractAddress, nameof(EmergencyAccessClient), ContractArtifact.EmergencyAccess.Errors)
    {
    }

    /// <summary>Deploys a new <c>EmergencyAccess</c> contract over a record registry and a credential registry.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="recordRegistryAddress">The record registry.</param>
    /// <param name="credentialsAddress">The credential registry that certifies emergency providers.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<EmergencyAccessClient> DeployAsync(ChainConnection connection, EvmAddress recordRegistryAddress, EvmAddress credentialsAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var arguments = new ABIEncode().GetABIEncoded(
            new ABIValue("address", recordRegistryAddress.ToString()),
            new ABIValue("address", credentialsAddress.ToString()));
        var deployment = await connection.DeployAsync(ContractArtifact.EmergencyAccess, arguments, cancellationToken).ConfigureAwait(false);
        return new EmergencyAccessClient(connection, deployment.ContractAddress);
    }

    /// <summary>The least time between two accesses of one provider to one patient (the contract's <c>PATIENT_INTERVAL</c>).</summary>
    public static TimeSpan PatientInterval { get; } = TimeSpan.FromHours(1);

    /// <summary>The most accesses one provider makes in one UTC day, over all patients (the contract's <c>DAILY_CAP</c>).</summary>
    public const int DailyCap = 20;

    /// <summary>Names the connection's account's vital-info profile record (one it owns), or clears it with <see langword="null"/>. Newer versions of the record (supersede) are followed automatically.</summary>
    /// <param name="recordId">The record's id (32 bytes), or <see langword="null"/> to clear.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotRecordOwner</c> (not this account's record).</exception>
    public virtual async Task<TransactionResult> SetVitalProfileAsync(RecordId? recordId, CancellationToken cancellationToken = default)
    {
        var value = recordId is { } c ? c.ToBytes() : new byte[32];
        return await SendAsync(new SetVitalProfileFunction { RecordId = value }, "SetVitalProfile", "set the vital-info profile", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Names the connection's account's vital-info profile record (one it owns) together with its key-release manifest,
    /// the content-store object whose key shares key-release services release only after an accepted break-the-glass.
    /// The manifest is bound to this record id; a newer version of the record has none until it is named here too.
    /// </summary>
    /// <param name="recordId">The record's id.</param>
    /// <param name="manifestCid">The manifest's CID.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotRecordOwner</c> (not this account's record), <c>InvalidManifestCid</c>.</exception>
    public virtual async Task<TransactionResult> SetVitalProfileWithReleaseAsync(RecordId recordId, Storage.ContentId manifestCid, CancellationToken cancellationToken = default)
    {
        var message = new SetVitalProfileWithReleaseFunction { RecordId = recordId.ToBytes(), ManifestCid = manifestCid.ToString() };
        return await SendAsync(message, "SetVitalProfileWithRelease", "set the vital-info profile and its key-release manifest", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key-release manifest of a patient's current vital-info profile record.</summary>
    /// <param name="owner">The patient.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The manifest's CID, or <see langword="null"/> when the current profile has none (or there is no profile).</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    /// <exception cref="IntegrityException">The chain holds text that is not a CID.</exception>
    public virtual async Task<Storage.ContentId?> GetReleaseManifestAsync(EvmAddress owner, CancellationToken cancellationToken = default)
    {
        var value = await Connection.CallValueAsync<ReleaseManifestOfFunction, string>(ContractAddress, new ReleaseManifestOfFunction { Owner = owner.ToString() }, Errors, "read the key-release manifest", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return Storage.ContentId.TryParse(value, out var cid)
            ? cid
            : throw new IntegrityException("The key-release manifest named on chain is not a CID.", IntegrityCheck.Format);
    }

    /// <summary>The newest version of a patient's vital-info profile record (the named record, followed through its newer versions).</summary>
    /// <param name="owner">The patient.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record id (0x-hex), or <see langword="null"/> when none is named.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<RecordId?> GetVitalProfileAsync(EvmAddress owner, CancellationToken cancellationToken = default)
    {
        var value = await Connection.CallValueAsync<VitalProfileOfFunction, byte[]>(ContractAddress, new VitalProfileOfFunction { Owner = owner.ToString() }, Errors, "read the vital-info profile", cancellationToken).ConfigureAwait(false);
        return value.AsSpan().ContainsAnyExcept((byte)0) ? new RecordId(value) : null;
    }

    /// <summary>When a provider may next break the glass on a patient, given both rate limits.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="owner">The patient.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time, or <see langword="null"/> when an access is allowed now.</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DateTimeOffset?> GetNextAccessAtAsync(EvmAddress provider, EvmAddress owner, CancellationToken cancellationToken = default)
    {
        var message = new NextAccessAtFunction { Provider = provider.ToString(), Owner = owner.ToString() };
        var seconds = await Connection.CallValueAsync<NextAccessAtFunction, ulong>(ContractAddress, message, Errors, "read the emergency rate limit", cancellationToken).ConfigureAwait(false);
        return seconds == 0 ? null : AbiValues.Time(seconds);
    }

    /// <summary>Breaks the glass: records that the connection's account, a certified emergency provider, accesses the patient's vital-info profile record now. Rate-limited: one access per patient per <see cref="PatientInterval"/>, at most <see cref="DailyCap"/> a day.</summary>
    /// <param name="owner">The patient.</param>
    /// <param name="reason">The stated reason; only keccak256 of its UTF-8 goes on chain (keep health data out of it).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The newest version of the vital-info profile record and the transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or empty.</exception>
    /// <exception cref="EmergencyRateLimitException">The rate limit refused the access (<see cref="EmergencyCodes"/>); nothing was recorded.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotEmergencyProvider</c> (no live credential), <c>NoVitalProfile</c>.</exception>
    public virtual async Task<EmergencyAccessResult> BreakTheGlassAsync(EvmAddress owner, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        TransactionReceipt receipt;
        try
        {
            receipt = await SendReceiptAsync(new BreakTheGlassFunction { Owner = owner.ToString(), Reason = AbiValues.Keccak(reason) }, "BreakTheGlass", "break the glass", cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException ex) when (ex.RevertError is "PatientRateLimited" or "DailyCapReached")
        {
            var daily = ex.RevertError == "DailyCapReached";
            var retryAt = ex.RevertArguments.Count > 0 && ex.RevertArguments[^1] is { } last ? AbiValues.Time((ulong)(System.Numerics.BigInteger)Convert.ChangeType(last, typeof(System.Numerics.BigInteger), System.Globalization.CultureInfo.InvariantCulture)) : default;
            throw new EmergencyRateLimitException(
                daily
                    ? $"This provider reached the daily cap of {DailyCap} break-the-glass accesses; the next is allowed at {retryAt:u}."
                    : $"This provider opened this patient's vital-info profile less than {PatientInterval.TotalMinutes:0} minutes ago; the next access is allowed at {retryAt:u}.",
                daily ? EmergencyCodes.DailyCapReached : EmergencyCodes.PatientRateLimited,
                ex)
            { RetryAt = retryAt, TransactionHash = ex.TransactionHash, RevertError = ex.RevertError, RevertArguments = ex.RevertArguments };
        }
        var recordId = await GetVitalProfileAsync(owner, cancellationToken).ConfigureAwait(false) ?? default;
        return new EmergencyAccessResult(recordId, receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
    }

    /// <summary>Lists <c>BreakTheGlass</c> events up to the latest block: every emergency access to a patient's data.</summary>
    /// <param name="owner">Only accesses to this patient's profile (matched by its tag), or <see langword="null"/> for any.</param>
    /// <param name="provider">Only accesses by this provider, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<BreakTheGlassEvent> GetBreakTheGlassEventsAsync(EvmAddress? owner = null, EvmAddress? provider = null, long fromBlock = 0, CancellationToken cancellationToken = default)
    {
        string?[] topics = [owner is { } patient ? Contracts.AccessGrants.AccessGrantsClient.ComputePatientTag(patient) : null, provider is { } providerTopic ? AbiValues.AddressTopic(providerTopic) : null];
        return ReadEventsAsync(topics, owner, fromBlock, cancellationToken);
    }

    private async IAsyncEnumerable<BreakTheGlassEvent> ReadEventsAsync(string?[] topics, EvmAddress? owner, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in Connection.GetEventsAsync<BreakTheGlassEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new BreakTheGlassEvent(
                owner,
                AbiValues.Decoded(e.Provider),
                e.Reason.ToHex(true),
                AbiValues.Time(e.AccessedAt),
                log.Log.TransactionHash,
                (long)log.Log.BlockNumber.Value,
                e.PatientTag.ToHex(true));
        }
    }
}
