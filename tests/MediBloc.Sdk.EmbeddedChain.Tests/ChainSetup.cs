using MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MediBloc.Sdk.EmbeddedChain.Tests;

/// <summary>A fresh embedded chain, a Web3 signing with its first dev account, and the Registry deployed.</summary>
internal sealed class ChainSetup
{
    private ChainSetup(InProcessChain chain, Web3 web3, string registry, TransactionReceipt deployReceipt)
    {
        Chain = chain;
        Web3 = web3;
        Registry = registry;
        DeployReceipt = deployReceipt;
    }

    public InProcessChain Chain { get; }

    public Web3 Web3 { get; }

    public string Registry { get; }

    public TransactionReceipt DeployReceipt { get; }

    public string Sender => Chain.Accounts[0].Address;

    public static async Task<ChainSetup> StartAsync(InProcessChainOptions? options = null)
    {
        var chain = new InProcessChain(options);
        var web3 = ForAccount(chain, 0);
        var receipt = await web3.Eth.GetContractDeploymentHandler<RegistryDeployment>()
            .SendRequestAndWaitForReceiptAsync(new RegistryDeployment());
        return new ChainSetup(chain, web3, receipt.ContractAddress, receipt);
    }

    public static Web3 ForAccount(InProcessChain chain, int index) =>
        new(new Account(chain.Accounts[index].PrivateKey, chain.ChainId), chain.CreateRpcClient());

    public Task<TransactionReceipt> SendAsync<T>(T message, Web3? web3 = null) where T : Nethereum.Contracts.FunctionMessage, new() =>
        (web3 ?? Web3).Eth.GetContractTransactionHandler<T>().SendRequestAndWaitForReceiptAsync(Registry, message);

    public Task<TOut> QueryAsync<T, TOut>(T message) where T : Nethereum.Contracts.FunctionMessage, new() =>
        Web3.Eth.GetContractQueryHandler<T>().QueryAsync<TOut>(Registry, message);
}
