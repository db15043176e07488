using MediBloc.Sdk.Crypto;
using System.Numerics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.MedToken.Messages;
using Nethereum.ABI;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Contracts.MedToken;

/// <summary>MED, the platform's ERC-20 token (18 decimals): balances, transfers and allowances.</summary>
/// <remarks>Amounts are in the smallest unit (10⁻¹⁸ MED); <see cref="FromMed"/> converts whole MED. Thread-safe.</remarks>
public class MedTokenClient : ContractClient
{
    /// <summary>The token's decimals.</summary>
    public const int Decimals = 18;

    /// <summary>For mocking only.</summary>
    protected MedTokenClient()
    {
    }

    /// <summary>Creates a client for a MED token already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The token's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public MedTokenClient(ChainConnection connection, EvmAddress contractAddress)
        : base(connection, contractAddress, nameof(MedTokenClient), ContractArtifact.MedToken.Errors)
    {
    }

    /// <summary>Whole MED in the smallest unit: <paramref name="med"/> × 10¹⁸.</summary>
    /// <param name="med">An amount of MED.</param>
    /// <returns>The amount in the smallest unit.</returns>
    public static BigInteger FromMed(long med) => med * BigInteger.Pow(10, Decimals);

    /// <summary>Deploys a new MED token whose whole supply goes to the connection's account.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="initialSupply">The whole supply in the smallest unit (not negative).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialSupply"/> is negative.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<MedTokenClient> DeployAsync(ChainConnection connection, BigInteger initialSupply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegative(initialSupply);
        var arguments = new ABIEncode().GetABIEncoded(new ABIValue("uint256", initialSupply));
        var deployment = await connection.DeployAsync(ContractArtifact.MedToken, arguments, cancellationToken).ConfigureAwait(false);
        return new MedTokenClient(connection, deployment.ContractAddress);
    }

    /// <summary>The total supply.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The supply in the smallest unit.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetTotalSupplyAsync(CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<TotalSupplyFunction, BigInteger>(ContractAddress, new TotalSupplyFunction(), Errors, "read the total supply", cancellationToken);

    /// <summary>An account's balance.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance in the smallest unit.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetBalanceAsync(EvmAddress account, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<BalanceOfFunction, BigInteger>(ContractAddress, new BalanceOfFunction { Account = account.ToString() }, Errors, "read a balance", cancellationToken);

    /// <summary>How much <paramref name="spender"/> may still move from <paramref name="owner"/>.</summary>
    /// <param name="owner">The token holder.</param>
    /// <param name="spender">The spender.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The remaining allowance.</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetAllowanceAsync(EvmAddress owner, EvmAddress spender, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<AllowanceFunction, BigInteger>(ContractAddress, new AllowanceFunction { Owner = owner.ToString(), Spender = spender.ToString() }, Errors, "read an allowance", cancellationToken);

    /// <summary>Sends MED from the connection's account.</summary>
    /// <param name="to">The receiver.</param>
    /// <param name="value">The amount in the smallest unit (not negative).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the token refused: <c>ERC20InsufficientBalance</c>, <c>ERC20InvalidReceiver</c>.</exception>
    public virtual Task<TransactionResult> TransferAsync(EvmAddress to, BigInteger value, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return SendAsync(new TransferFunction { To = to.ToString(), Value = value }, "Transfer", "transfer MED", cancellationToken);
    }

    /// <summary>Lets <paramref name="spender"/> move up to <paramref name="value"/> of the connection's account's MED, replacing any earlier allowance.</summary>
    /// <param name="spender">The spender, e.g. a contract that takes payment.</param>
    /// <param name="value">The allowance in the smallest unit; 2²⁵⁶−1 for unlimited.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the token refused: <c>ERC20InvalidSpender</c>.</exception>
    public virtual Task<TransactionResult> ApproveAsync(EvmAddress spender, BigInteger value, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return SendAsync(new ApproveFunction { Spender = spender.ToString(), Value = value }, "Approve", "approve a MED spender", cancellationToken);
    }

    /// <summary>Moves MED from <paramref name="from"/> to <paramref name="to"/> out of the connection's account's allowance.</summary>
    /// <param name="from">The token holder.</param>
    /// <param name="to">The receiver.</param>
    /// <param name="value">The amount in the smallest unit (not negative).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the token refused: <c>ERC20InsufficientAllowance</c>, <c>ERC20InsufficientBalance</c>, <c>ERC20InvalidReceiver</c>.</exception>
    public virtual Task<TransactionResult> TransferFromAsync(EvmAddress from, EvmAddress to, BigInteger value, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var message = new TransferFromFunction { From = from.ToString(), To = to.ToString(), Value = value };
        return SendAsync(message, "TransferFrom", "transfer MED from an allowance", cancellationToken);
    }

    /// <summary>Lists <c>Transfer</c> events up to the latest block.</summary>
    /// <param name="from">Only transfers from this account, or <see langword="null"/> for any.</param>
    /// <param name="to">Only transfers to this account, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<TokenTransfer> GetTransfersAsync(EvmAddress? from = null, EvmAddress? to = null, long fromBlock = 0, CancellationToken cancellationToken = default)
    {
        string?[] topics = [from is { } fromTopic ? AbiValues.AddressTopic(fromTopic) : null, to is { } toTopic ? AbiValues.AddressTopic(toTopic) : null];
        return ReadTransfersAsync(topics, fromBlock, cancellationToken);
    }

    private async IAsyncEnumerable<TokenTransfer> ReadTransfersAsync(string?[] topics, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in Connection.GetEventsAsync<TransferEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            yield return new TokenTransfer(AbiValues.Decoded(log.Event.From), AbiValues.Decoded(log.Event.To), log.Event.Value, log.Log.TransactionHash, (long)log.Log.BlockNumber.Value);
        }
    }
}
