using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.KeyEscrow;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace MediBloc.Services.KeyRelease;

/// <summary>
/// The release decision. A share is released, sealed to the requester's key recovered from the request's signature,
/// only when: the signature verifies; the share is sealed to this service and bound to the patient named; the named
/// transaction holds a <c>BreakTheGlass</c> event of this <c>EmergencyAccess</c> contract by the requester on that
/// patient, no older than the release window in chain time; the requester holds a live emergency-provider credential
/// now; and the share's record is still the patient's current vital-info profile. Everything else is refused with a code.
/// </summary>
internal sealed partial class ReleaseChecker : IDisposable
{
    private readonly KeyReleaseServiceOptions _options;
    private readonly Secp256k1PrivateKey _key;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Web3 _web3;
    private EmergencyAccessClient? _emergency;
    private CredentialsClient? _credentials;

    public ReleaseChecker(KeyReleaseServiceOptions options, ILogger<ReleaseChecker> logger)
    {
        _options = options;
        _key = options.ServiceKey!;
        _logger = logger;
        _web3 = new Web3(options.RpcUrl!.AbsoluteUri);
    }

    public Secp256k1PublicKey PublicKey => _key.PublicKey;

    public async Task<ReleaseOutcome> ReleaseAsync(byte[] body, CancellationToken cancellationToken)
    {
        KeyReleaseRequest request;
        Secp256k1PublicKey requester;
        try
        {
            request = KeyReleaseRequest.Parse(body);
            requester = request.RecoverRequester();
        }
        catch (InvalidFormatException ex)
        {
            return ReleaseOutcome.Refused(400, MediBlocErrorCode.InvalidFormat, ex.Message);
        }
        catch (AccessDeniedException ex)
        {
            return ReleaseOutcome.Refused(403, ex.Code, ex.Message);
        }

        ReleaseShare share;
        try
        {
            share = ReleaseShares.Open(request.SealedShare.Span, _key);
        }
        catch (MediBlocException)
        {
            return ReleaseOutcome.Refused(403, KeyReleaseCodes.NotThisService, "The share is not sealed to this key-release service.");
        }

        using (share)
        {
            var provider = requester.Address;
            if (share.Patient != request.Patient)
            {
                return ReleaseOutcome.Refused(403, KeyReleaseCodes.WrongPatient, "The share belongs to another patient than the one named.");
            }
            try
            {
                var (emergency, credentials) = await ContractsAsync(cancellationToken);
                BreakTheGlassEvent? found = null;
                await foreach (var e in emergency.GetBreakTheGlassEventsAsync(request.Patient, provider, request.BlockNumber, cancellationToken))
                {
                    if (string.Equals(e.TransactionHash, request.TransactionHash, StringComparison.OrdinalIgnoreCase) && e.BlockNumber == request.BlockNumber)
                    {
                        found = e;
                        break;
                    }
                }
                if (found is null)
                {
                    Log.Refused(_logger, provider.ToString(), KeyReleaseCodes.NoBreakTheGlass.ToString());
                    return ReleaseOutcome.Refused(403, KeyReleaseCodes.NoBreakTheGlass, "The named transaction holds no break-the-glass by this provider on this patient.");
                }
                var latest = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
                var chainNow = DateTimeOffset.FromUnixTimeSeconds((long)latest.Timestamp.Value);
                if (chainNow - found.AccessedAt > _options.ReleaseWindow)
                {
                    Log.Refused(_logger, provider.ToString(), KeyReleaseCodes.BreakTheGlassExpired.ToString());
                    return ReleaseOutcome.Refused(403, KeyReleaseCodes.BreakTheGlassExpired, $"The break-the-glass is older than {_options.ReleaseWindow.TotalMinutes:0} minutes; break the glass again.");
                }
                if (!await credentials.HasRoleAsync(provider, CredentialRole.EmergencyProvider, cancellationToken))
                {
                    Log.Refused(_logger, provider.ToString(), AccessDenialCodes.NotCertified.ToString());
                    return ReleaseOutcome.Refused(403, AccessDenialCodes.NotCertified, "The requester holds no live emergency-provider credential.");
                }
                if (await emergency.GetVitalProfileAsync(request.Patient, cancellationToken) != share.Profile)
                {
                    return ReleaseOutcome.Refused(409, KeyReleaseCodes.ProfileChanged, "The share's record is no longer the patient's current vital-info profile.");
                }
            }
            catch (ChainException ex)
            {
                Log.ChainFailed(_logger, ex.Code.ToString());
                return ReleaseOutcome.Refused(503, ex.Code, "The key-release service cannot read the chain now; retry.");
            }
            catch (Exception ex) when (ex is HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException or Nethereum.JsonRpc.Client.RpcResponseException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log.ChainFailed(_logger, MediBlocErrorCode.NodeUnavailable.ToString());
                return ReleaseOutcome.Refused(503, MediBlocErrorCode.NodeUnavailable, "The key-release service cannot read the chain now; retry.");
            }
            var released = GuardianShares.Seal(share.Share, requester);
            Log.Released(_logger, provider.ToString(), request.TransactionHash);
            return ReleaseOutcome.Released(Convert.ToBase64String(released));
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _key.Dispose();
    }

    private async Task<(EmergencyAccessClient, CredentialsClient)> ContractsAsync(CancellationToken cancellationToken)
    {
        if (_emergency is { } e && _credentials is { } c)
        {
            return (e, c);
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_emergency is null || _credentials is null)
            {
                var chainId = (long)(await _web3.Eth.ChainId.SendRequestAsync()).Value;
                // A read-only connection: its key never signs, so the service key stays out of the chain client.
                using var reader = Secp256k1PrivateKey.Generate();
                var connection = new ChainConnection(_options.RpcUrl!, Convert.ToHexString(reader.ExportPrivateKey()), chainId);
                _credentials = new CredentialsClient(connection, _options.CredentialsAddress!.Value);
                _emergency = new EmergencyAccessClient(connection, _options.EmergencyAccessAddress!.Value);
            }
            return (_emergency, _credentials);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Released a share to provider {Provider} for break-the-glass {TransactionHash}")]
        public static partial void Released(ILogger logger, string provider, string transactionHash);

        [LoggerMessage(2, LogLevel.Warning, "Refused a release to provider {Provider}: {Code}")]
        public static partial void Refused(ILogger logger, string provider, string code);

        [LoggerMessage(3, LogLevel.Warning, "The chain could not be read: {Code}")]
        public static partial void ChainFailed(ILogger logger, string code);
    }
}

/// <summary>The answer to a release request: a share sealed to the requester, or a refusal with a status and a code.</summary>
internal sealed record ReleaseOutcome(int Status, string? Share, string? Code, string? Message)
{
    public static ReleaseOutcome Released(string share) => new(200, share, null, null);

    public static ReleaseOutcome Refused(int status, MediBlocErrorCode code, string message) => new(status, null, code.ToString(), message);
}
