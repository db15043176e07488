using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using System.Globalization;
using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MediBloc.Sdk.Contracts;

/// <summary>
/// One account on one EVM chain: sends transactions and waits for their receipts, hands out nonces so concurrent
/// sends never collide, reads contract state and events, and deploys the SDK's contracts. Every typed contract
/// client (<see cref="Contracts.RecordRegistry.RecordRegistryClient"/>, …) works through a connection.
/// </summary>
/// <remarks>
/// <para>Thread-safe; create one per account and share it. Every wait is bounded by
/// <see cref="ChainConnectionOptions"/>: a node that is down or slow surfaces as a <see cref="ChainException"/>
/// with code <see cref="MediBlocErrorCode.NodeUnavailable"/> naming the endpoint, never as a hang.</para>
/// <para>Writes wait for the receipt. A reverted transaction, whether caught by gas estimation or only seen as a
/// status-0 receipt, becomes a <see cref="ChainException"/> with code <see cref="MediBlocErrorCode.TransactionReverted"/>
/// whose <see cref="ChainException.RevertError"/> and <see cref="ChainException.RevertArguments"/> hold the decoded
/// Solidity custom error.</para>
/// </remarks>
public partial class ChainConnection
{
    private static readonly SocketsHttpHandler SharedHandler = new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 64,
    };

    private static readonly TimeSpan OutagePollingInterval = TimeSpan.FromMilliseconds(500);

    private readonly NonceManager _nonces = null!;
    private readonly Web3 _web3 = null!;
    private readonly ChainConnectionOptions _options = null!;
    private readonly string _from = string.Empty;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected ChainConnection()
    {
    }

    /// <summary>Connects to a node by its JSON-RPC URL with a private key.</summary>
    /// <param name="rpcUrl">The node's JSON-RPC endpoint, e.g. <c>http://127.0.0.1:8545</c>.</param>
    /// <param name="privateKey">The account's secp256k1 private key (0x-hex).</param>
    /// <param name="chainId">The chain id transactions are signed for (EIP-155).</param>
    /// <param name="options">Timeouts, polling and gas; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rpcUrl"/> or <paramref name="privateKey"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chainId"/> is not positive, or an option is out of range.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="privateKey"/> is not a valid key.</exception>
    public ChainConnection(Uri rpcUrl, string privateKey, long chainId, ChainConnectionOptions? options = null)
        : this(rpcUrl, CreateAccount(privateKey, chainId), options)
    {
    }

    /// <summary>Connects to a node by its JSON-RPC URL with a Nethereum account.</summary>
    /// <param name="rpcUrl">The node's JSON-RPC endpoint.</param>
    /// <param name="account">The sending account; it must carry a chain id.</param>
    /// <param name="options">Timeouts, polling and gas; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rpcUrl"/> or <paramref name="account"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="account"/> has no chain id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ChainConnection(Uri rpcUrl, Account account, ChainConnectionOptions? options = null)
        : this(CreateRpcClient(rpcUrl, options), account, options, rpcUrl)
    {
    }

    /// <summary>Connects through any Nethereum JSON-RPC client (for example an in-process chain).</summary>
    /// <param name="client">The JSON-RPC client.</param>
    /// <param name="account">The sending account; it must carry a chain id.</param>
    /// <param name="options">Timeouts, polling and gas; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="account"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="account"/> has no chain id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ChainConnection(IClient client, Account account, ChainConnectionOptions? options = null)
        : this(client, account, options, null)
    {
    }

    /// <summary>Connects to a node by its JSON-RPC URL with a signer.</summary>
    /// <param name="rpcUrl">The node's JSON-RPC endpoint, e.g. <c>http://127.0.0.1:8545</c>.</param>
    /// <param name="signer">Signs the account's transactions: a <see cref="LocalKeySigner"/>, a <see cref="KeyStoreSigner"/> or any external <see cref="MediBlocSigner"/>.</param>
    /// <param name="chainId">The chain id transactions are signed for (EIP-155).</param>
    /// <param name="options">Timeouts, polling and gas; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rpcUrl"/> or <paramref name="signer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chainId"/> is not positive, or an option is out of range.</exception>
    public ChainConnection(Uri rpcUrl, MediBlocSigner signer, long chainId, ChainConnectionOptions? options = null)
        : this(CreateRpcClient(rpcUrl, options), signer, chainId, options, rpcUrl)
    {
    }

    /// <summary>Connects through any Nethereum JSON-RPC client (for example an in-process chain) with a signer.</summary>
    /// <param name="client">The JSON-RPC client.</param>
    /// <param name="signer">Signs the account's transactions.</param>
    /// <param name="chainId">The chain id transactions are signed for (EIP-155).</param>
    /// <param name="options">Timeouts, polling and gas; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="signer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chainId"/> is not positive, or an option is out of range.</exception>
    public ChainConnection(IClient client, MediBlocSigner signer, long chainId, ChainConnectionOptions? options = null)
        : this(client, signer, chainId, options, null)
    {
    }

    private ChainConnection(IClient client, Account account, ChainConnectionOptions? options, Uri? endpoint)
        : this(client, LocalSigner(account), ChainIdOf(account), options, endpoint)
    {
    }

    private ChainConnection(IClient client, MediBlocSigner signer, long chainId, ChainConnectionOptions? options, Uri? endpoint)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentOutOfRangeException.ThrowIfLessThan(chainId, 1L);
        _options = (options ?? new ChainConnectionOptions()).Clone();
        _options.Validate();
        Endpoint = endpoint;
        ChainId = chainId;
        _signer = signer;
        Address = signer.Address;
        _from = Address.ToString();
        _web3 = new Web3(client);
        _nonces = new NonceManager(ReadPendingNonceAsync);
    }

    /// <summary>The sending account's address.</summary>
    public virtual EvmAddress Address { get; }

    /// <summary>The chain id transactions are signed for.</summary>
    public virtual long ChainId { get; }

    /// <summary>The JSON-RPC endpoint, when the connection was made from a URL.</summary>
    public virtual Uri? Endpoint { get; }

    internal Web3 Web3 => _web3;

    /// <summary>The account's signer.</summary>
    internal MediBlocSigner Signer => _signer;

    internal ChainConnectionOptions Options => _options;

    /// <summary>Deploys a contract from an artifact (one without constructor arguments) and waits for it to be mined.</summary>
    /// <param name="artifact">The contract to deploy, e.g. <see cref="ContractArtifact.RecordRegistry"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The new contract's address and the deployment's on-chain facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="artifact"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>), rejected the transaction, or the deployment reverted (<see cref="MediBlocErrorCode.TransactionReverted"/>).</exception>
    public virtual Task<DeploymentResult> DeployAsync(ContractArtifact artifact, CancellationToken cancellationToken = default) =>
        DeployAsync(artifact, ReadOnlyMemory<byte>.Empty, cancellationToken);

    /// <summary>Deploys a contract from an artifact with ABI-encoded constructor arguments and waits for it to be mined.</summary>
    /// <param name="artifact">The contract to deploy, e.g. <see cref="ContractArtifact.AccessGrants"/>.</param>
    /// <param name="constructorArguments">The constructor's arguments, ABI-encoded (empty for none).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The new contract's address and the deployment's on-chain facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="artifact"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>), rejected the transaction, or the deployment reverted (<see cref="MediBlocErrorCode.TransactionReverted"/>).</exception>
    public virtual async Task<DeploymentResult> DeployAsync(ContractArtifact artifact, ReadOnlyMemory<byte> constructorArguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return await ChainDiagnostics.TraceAsync("ChainConnection.DeployAsync", async activity =>
        {
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Contract, artifact.Name);
            var input = new TransactionInput { Data = artifact.Bytecode + Convert.ToHexString(constructorArguments.Span).ToLowerInvariant() };
            var receipt = await SendTransactionAsync(input, artifact.Errors, $"deploy {artifact.Name}", cancellationToken).ConfigureAwait(false);
            return new DeploymentResult(AbiValues.Decoded(receipt.ContractAddress), receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads the number of the latest block.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest block number.</returns>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>).</exception>
    public virtual async Task<long> GetBlockNumberAsync(CancellationToken cancellationToken = default)
    {
        var n = await ReadAsync(() => _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), "read the block number", null, cancellationToken).ConfigureAwait(false);
        return (long)n.Value;
    }

    /// <summary>Signs, sends and waits for a transaction; decodes a revert into a <see cref="ChainException"/>.</summary>
    internal async Task<TransactionReceipt> SendTransactionAsync(TransactionInput input, IReadOnlyList<ContractError> errors, string operation, CancellationToken cancellationToken)
    {
        input.From = _from;
        if (_options.FixedGasLimit is { } fixedGas)
        {
            input.Gas = new HexBigInteger(fixedGas);
        }
        else
        {
            var estimate = await RpcAsync(() => _web3.Eth.Transactions.EstimateGas.SendRequestAsync(input), operation, errors, cancellationToken).ConfigureAwait(false);
            // A margin for state that changes between estimation and inclusion; only the gas used is paid.
            input.Gas = new HexBigInteger(estimate.Value + (estimate.Value / 5) + 10_000);
        }

        var fees = await GetFeesAsync(operation, errors).ConfigureAwait(false);
        string hash;
        TransactionReceipt? minedOnSend = null;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another connection (or wallet) sending for the same account takes nonces this one had counted on: the node
            // refuses the transaction as "nonce too low" without running it, so it is signed once more with the count
            // read afresh. Any other refusal ends the send.
            for (var attempt = 1; ; attempt++)
            {
                var nonce = await _nonces.NextAsync(cancellationToken).ConfigureAwait(false);
                input.Nonce = new HexBigInteger(nonce);
                try
                {
                    // Once a nonce is reserved the send is not cancelled half-way (that would leave a gap); RpcTimeout bounds it.
                    // The signer may take its time (a wallet asking its user) and may be cancelled: nothing is sent yet.
                    var raw = await SignAsync(input, nonce, fees, cancellationToken).ConfigureAwait(false);
                    (hash, minedOnSend) = _options.SendAndWaitInOneCall && _syncSendSupported
                        ? await SendAndWaitAsync(raw, operation, errors).ConfigureAwait(false)
                        : (await RpcAsync(() => _web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw), operation, errors, CancellationToken.None).ConfigureAwait(false), null);
                    break;
                }
                catch (Exception e)
                {
                    await _nonces.ResetAsync().ConfigureAwait(false);
                    if (attempt < 3 && e is ChainException && IsNonceTooLow(e))
                    {
                        continue;
                    }
                    throw;
                }
            }
        }
        finally
        {
            _sendLock.Release();
        }

        var receipt = minedOnSend ?? await WaitForReceiptAsync(hash, operation, cancellationToken).ConfigureAwait(false);
        if (receipt.Status?.Value == BigInteger.Zero)
        {
            throw await DecodeFailedReceiptAsync(input, receipt, errors, operation, cancellationToken).ConfigureAwait(false);
        }
        return receipt;
    }

    private static bool IsNonceTooLow(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x.Message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private async Task<TransactionReceipt> WaitForReceiptAsync(string hash, string operation, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReceiptTimeout);
        try
        {
            while (true)
            {
                try
                {
                    // Asked at once (the embedded chain mines on send), then after 1, 2, 4 … ms up to every
                    // ReceiptPollingInterval: anvil answers the send a few milliseconds before its automine seals the
                    // block, and a public chain's block time dwarfs the few early asks.
                    var wait = TimeSpan.FromMilliseconds(1);
                    while (true)
                    {
                        var receipt = await RpcAsync(() => _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash), operation, null, timeout.Token).ConfigureAwait(false);
                        if (receipt?.BlockNumber is not null)
                        {
                            return receipt;
                        }
                        await Task.Delay(wait, timeout.Token).ConfigureAwait(false);
                        wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.ReceiptPollingInterval.Ticks));
                    }
                }
                catch (ChainException e) when (e.Code == MediBlocErrorCode.NodeUnavailable && _options.WaitForReceiptThroughOutages)
                {
                    // The node went away after taking the transaction (a restart): keep asking until ReceiptTimeout.
                    await Task.Delay(OutagePollingInterval, timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChainException(
                $"Transaction {hash} ({operation}) was not mined within {_options.ReceiptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s at {DescribeEndpoint()}; check that the node is mining, or raise ChainConnectionOptions.ReceiptTimeout.",
                MediBlocErrorCode.NodeUnavailable,
                e)
            { Endpoint = Endpoint, TransactionHash = hash };
        }
        catch (ChainException e) when (e.TransactionHash is null)
        {
            throw new ChainException(e.Message, e.Code, e.InnerException) { Endpoint = e.Endpoint, TransactionHash = hash, RevertError = e.RevertError, RevertArguments = e.RevertArguments };
        }
    }

    private async Task<ChainException> DecodeFailedReceiptAsync(TransactionInput input, TransactionReceipt receipt, IReadOnlyList<ContractError> errors, string operation, CancellationToken cancellationToken)
    {
        // The receipt says only "failed": replay the call on the state just before its block to learn why.
        var replay = new CallInput { From = input.From, To = input.To, Data = input.Data, Value = input.Value, Gas = input.Gas };
        var before = new BlockParameter(new HexBigInteger(BigInteger.Max(BigInteger.Zero, receipt.BlockNumber.Value - 1)));
        try
        {
            await RpcAsync(() => _web3.Eth.Transactions.Call.SendRequestAsync(replay, before), operation, errors, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException e) when (e.Code == MediBlocErrorCode.TransactionReverted)
        {
            return new ChainException(e.Message, e.Code, e.InnerException)
            {
                Endpoint = Endpoint,
                TransactionHash = receipt.TransactionHash,
                RevertError = e.RevertError,
                RevertArguments = e.RevertArguments,
            };
        }
        catch (ChainException e) when (e.Code == MediBlocErrorCode.ChainError)
        {
            // The replay failed without revert data (for example out of gas): report the receipt's failure below.
        }
        return new ChainException(
            $"Transaction {receipt.TransactionHash} ({operation}) failed on chain (status 0) without a revert reason; it most likely ran out of gas (limit {input.Gas.Value.ToString(CultureInfo.InvariantCulture)}).",
            MediBlocErrorCode.TransactionReverted)
        { Endpoint = Endpoint, TransactionHash = receipt.TransactionHash };
    }

    private Task<BigInteger> ReadPendingNonceAsync(CancellationToken cancellationToken) =>
        RpcAsync(
            async () => (await _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(_from, BlockParameter.CreatePending()).ConfigureAwait(false)).Value,
            "read the account nonce",
            null,
            cancellationToken);

    private static Account CreateAccount(string privateKey, long chainId)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(chainId, 1L);
        try
        {
            return new Account(privateKey, chainId);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidFormatException("The private key is not a valid secp256k1 key (expected 32 bytes as hex).", e);
        }
    }

    private static LocalKeySigner LocalSigner(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        // The connection keeps the account's key for as long as it lives, as the Account did. Nethereum drops a key's
        // leading zero bytes from its hex (one key in 256 starts with one), so the 32 bytes are padded back.
        var hex = account.PrivateKey.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? account.PrivateKey[2..] : account.PrivateKey;
        return new LocalKeySigner(Secp256k1PrivateKey.FromHex(hex.PadLeft(2 * Secp256k1PrivateKey.Length, '0')));
    }

    private static long ChainIdOf(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.ChainId is { } chainId
            ? (long)chainId
            : throw new ArgumentException("The account has no chain id; create it with one (new Account(key, chainId)) so transactions are replay-protected (EIP-155).", nameof(account));
    }

    private static RpcClient CreateRpcClient(Uri rpcUrl, ChainConnectionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        var timeout = (options ?? new ChainConnectionOptions()).RpcTimeout;
        var http = new HttpClient(SharedHandler, disposeHandler: false) { Timeout = timeout };
        return new RpcClient(rpcUrl, http, null, null, null);
    }
}
