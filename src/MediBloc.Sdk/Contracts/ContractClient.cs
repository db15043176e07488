using MediBloc.Sdk.Crypto;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Contracts;

/// <summary>
/// What the typed contract clients share: the contract's address, the account and node they send from, the custom
/// errors they decode, and one traced send per transaction.
/// </summary>
/// <remarks>Only the SDK's own contract clients derive from it; mock those through their protected constructors.</remarks>
public abstract class ContractClient
{
    private readonly string _clientName = string.Empty;

    /// <summary>For the mocking constructors of the derived clients: no connection, the zero address.</summary>
    private protected ContractClient()
    {
    }

    /// <summary>Binds a client to a contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <param name="clientName">The derived client's name, the first part of its activities' names (<c>MedTokenClient.Transfer</c>).</param>
    /// <param name="errors">The custom errors its transactions and calls may revert with, including those of contracts it calls.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    private protected ContractClient(ChainConnection connection, EvmAddress contractAddress, string clientName, IReadOnlyList<ContractError> errors)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ContractAddress = contractAddress;
        Connection = connection;
        Errors = errors;
        _clientName = clientName;
    }

    /// <summary>The contract's address.</summary>
    public virtual EvmAddress ContractAddress { get; }

    /// <summary>The account and node the client sends from (null in a mock).</summary>
    private protected ChainConnection Connection { get; } = null!;

    /// <summary>The custom errors reverts are decoded with.</summary>
    private protected IReadOnlyList<ContractError> Errors { get; } = [];

    /// <summary>Sends a transaction to the contract in an activity <c>&lt;Client&gt;.<paramref name="name"/></c> and waits for its receipt.</summary>
    /// <param name="message">The function call.</param>
    /// <param name="name">The method, the second part of the activity's name.</param>
    /// <param name="operation">What is being done, in words, for error messages (<c>transfer MED</c>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The receipt of the mined transaction.</returns>
    /// <exception cref="ChainException">The node is unavailable or the transaction reverted.</exception>
    private protected Task<TransactionReceipt> SendReceiptAsync<TFunction>(TFunction message, string name, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        ChainDiagnostics.TraceAsync(_clientName + "." + name, _ => Connection.SendAsync(ContractAddress, message, Errors, operation, cancellationToken));

    /// <summary>As <see cref="SendReceiptAsync"/>, returning the transaction's facts.</summary>
    /// <param name="message">The function call.</param>
    /// <param name="name">The method, the second part of the activity's name.</param>
    /// <param name="operation">What is being done, in words, for error messages.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's hash, block and gas used.</returns>
    /// <exception cref="ChainException">The node is unavailable or the transaction reverted.</exception>
    private protected async Task<TransactionResult> SendAsync<TFunction>(TFunction message, string name, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        Facts(await SendReceiptAsync(message, name, operation, cancellationToken).ConfigureAwait(false));

    /// <summary>A receipt's on-chain facts: transaction hash, block number and gas used.</summary>
    /// <param name="receipt">A mined transaction's receipt.</param>
    /// <returns>The facts.</returns>
    private protected static TransactionResult Facts(TransactionReceipt receipt) =>
        new(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
}
