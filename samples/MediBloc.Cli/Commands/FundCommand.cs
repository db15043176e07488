using System.CommandLine;
using System.Numerics;
using MediBloc.Cli.Framework;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.MedToken;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc fund ACCOUNT [--eth N] [--med N]</c>: the faucet; on the embedded chain the first dev account pays.</summary>
[CommandGroup(80)]
public static class FundCommand
{
    /// <summary>Creates the <c>fund</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var who = new Argument<string>("ACCOUNT") { Description = "A key name or address." };
        var eth = new Option<decimal>("--eth") { Description = "Ether for gas (default 1).", DefaultValueFactory = _ => 1m };
        var med = new Option<decimal>("--med") { Description = "MED tokens from the treasury (default 0).", DefaultValueFactory = _ => 0m };
        var command = new Command("fund", "Send ether for gas (and MED) to an account. On the embedded chain the first dev account (the deployer and treasury) pays; on nodes the --key/--as account pays.") { who, eth, med };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var to = session.AddressOf(session.Parse.GetRequiredValue(who));
            var payer = session.IdentityOrDev();
            var secret = payer.ExportPrivateKey();
            var account = new Account(Convert.ToHexStringLower(secret), session.Deployment.ChainId);
            Array.Clear(secret);
            var amount = session.Parse.GetValue(eth);
            string? ethTx = null;
            if (amount > 0)
            {
                var web3 = session.Chain is { } chain ? new Web3(account, chain.CreateRpcClient()) : new Web3(account, session.RpcUrl!.ToString());
                web3.TransactionManager.TransactionReceiptService = new Nethereum.RPC.TransactionReceipts.TransactionReceiptPollingService(web3.TransactionManager, 10);
                var receipt = await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(to.ToString(), amount, cancellationToken: ct).ConfigureAwait(false);
                ethTx = receipt.TransactionHash;
            }
            string? medTx = null;
            var medAmount = session.Parse.GetValue(med);
            if (medAmount > 0)
            {
                var connection = session.Chain is { } chain ? new ChainConnection(chain.CreateRpcClient(), account) : new ChainConnection(session.RpcUrl!, account);
                var token = new MedTokenClient(connection, session.Deployment.MedTokenAddress ?? throw new UsageException("The deployment has no MED token."));
                medTx = (await token.TransferAsync(to, ToWei(medAmount), ct).ConfigureAwait(false)).TransactionHash;
            }
            return session.Output.Emit(new FundOutput(to.ToString(), amount, medAmount, ethTx, medTx), (o, r) => o.WriteLine($"funded {r.Account} with {r.Eth} ETH and {r.Med} MED"));
        });
        return command;
    }

    /// <summary>MED (to four decimals) in the token's smallest unit.</summary>
    internal static BigInteger ToWei(decimal med) => new BigInteger(decimal.Round(med * 10_000m)) * BigInteger.Pow(10, MedTokenClient.Decimals - 4);

    /// <summary>The token's smallest unit in MED (to four decimals).</summary>
    internal static decimal ToMed(BigInteger wei) => (decimal)(wei / BigInteger.Pow(10, MedTokenClient.Decimals - 4)) / 10_000m;

    internal sealed record FundOutput(string Account, decimal Eth, decimal Med, string? EthTransactionHash, string? MedTransactionHash);
}
