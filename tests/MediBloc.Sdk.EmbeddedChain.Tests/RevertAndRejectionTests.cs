using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Tests.TestContracts;
using Nethereum.Contracts;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Transaction1559 = Nethereum.Model.Transaction1559;
using Nethereum.Signer;
using Nethereum.Web3;
using Account = Nethereum.Web3.Accounts.Account;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.EmbeddedChain.Tests;

public class RevertAndRejectionTests
{
    [Fact]
    public async Task A_custom_error_revert_decodes_with_unchanged_Nethereum_code()
    {
        var setup = await ChainSetup.StartAsync();
        var id = RegistryArtifact.Id(1);
        await setup.SendAsync(new AnchorFunction { Id = id, Value = 1 });

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => setup.SendAsync(new AnchorFunction { Id = id, Value = 2 }));

        Assert.True(ex.IsCustomErrorFor<AlreadyAnchoredError>());
        var error = ex.DecodeError<AlreadyAnchoredError>();
        Assert.Equal(id, error.Id);
        Assert.Equal(setup.Sender.ToLowerInvariant(), error.Owner.ToLowerInvariant());
    }

    [Fact]
    public async Task A_custom_error_from_a_query_decodes_too()
    {
        var setup = await ChainSetup.StartAsync();
        var id = RegistryArtifact.Id(1);
        await setup.SendAsync(new AnchorFunction { Id = id, Value = 1 });
        var other = ChainSetup.ForAccount(setup.Chain, 1);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            other.Eth.GetContractQueryHandler<UpdateFunction>().QueryAsync<bool>(setup.Registry, new UpdateFunction { Id = id, Value = 3 }));

        Assert.True(ex.IsCustomErrorFor<NotOwnerError>());
        Assert.Equal(setup.Chain.Accounts[1].Address.ToLowerInvariant(), ex.DecodeError<NotOwnerError>().Caller.ToLowerInvariant());
    }

    [Fact]
    public async Task A_revert_string_comes_back_as_the_revert_message()
    {
        var setup = await ChainSetup.StartAsync();

        var ex = await Assert.ThrowsAsync<SmartContractRevertException>(() =>
            setup.Web3.Eth.GetContractQueryHandler<FailFunction>().QueryAsync<bool>(setup.Registry, new FailFunction { Reason = "no consent" }));

        Assert.Contains("no consent", ex.RevertMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mined_revert_has_status_0_keeps_the_nonce_increment_and_the_gas_charge_but_not_the_state()
    {
        var setup = await ChainSetup.StartAsync();
        var id = RegistryArtifact.Id(1);
        await setup.SendAsync(new AnchorFunction { Id = id, Value = 1 });
        var nonce = setup.Chain.GetTransactionCount(setup.Sender);
        var balance = setup.Chain.GetBalance(setup.Sender);

        // A manual gas limit skips estimation, so the revert is mined (as on anvil).
        var receipt = await setup.SendAsync(new UpdateFunction { Id = id, Value = 9, Gas = 200_000 }, ChainSetup.ForAccount(setup.Chain, 1));
        var other = setup.Chain.Accounts[1].Address;

        Assert.Equal(BigInteger.Zero, receipt.Status.Value);
        Assert.Empty(receipt.Logs);
        Assert.True(receipt.GasUsed.Value > 21_000 && receipt.GasUsed.Value < 200_000);
        Assert.Equal(BigInteger.One, setup.Chain.GetTransactionCount(other));
        Assert.Equal(BigInteger.Parse("10000000000000000000000") - (receipt.GasUsed.Value * receipt.EffectiveGasPrice.Value), setup.Chain.GetBalance(other));
        Assert.Equal(BigInteger.One, await setup.QueryAsync<ValueOfFunction, BigInteger>(new ValueOfFunction { Id = id }));
        Assert.Equal(nonce, setup.Chain.GetTransactionCount(setup.Sender));
        Assert.Equal(balance, setup.Chain.GetBalance(setup.Sender));
    }

    [Fact]
    public async Task Out_of_gas_is_mined_with_status_0_and_uses_all_the_gas()
    {
        var setup = await ChainSetup.StartAsync();
        var nonce = setup.Chain.GetTransactionCount(setup.Sender);

        var receipt = await setup.SendAsync(new BurnFunction { Rounds = 10_000, Gas = 60_000 });

        Assert.Equal(BigInteger.Zero, receipt.Status.Value);
        Assert.Equal(new BigInteger(60_000), receipt.GasUsed.Value);
        Assert.Equal(nonce + 1, setup.Chain.GetTransactionCount(setup.Sender));
    }

    [Fact]
    public async Task Estimating_a_transaction_that_needs_more_than_the_block_gas_limit_fails_clearly()
    {
        var setup = await ChainSetup.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() =>
            setup.Web3.Eth.GetContractTransactionHandler<BurnFunction>().EstimateGasAsync(setup.Registry, new BurnFunction { Rounds = 1_000_000 }));

        Assert.Contains("halted", ex.RpcError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nonce_too_low_is_rejected_and_changes_nothing()
    {
        var setup = await ChainSetup.StartAsync();
        var raw = Sign(setup.Chain, 0, nonce: 0, chainId: setup.Chain.ChainId);
        var blocks = setup.Chain.BlockNumber;

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() => setup.Web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw));

        Assert.Equal(-32000, ex.RpcError.Code);
        Assert.StartsWith("nonce too low", ex.RpcError.Message, StringComparison.Ordinal);
        Assert.Equal(blocks, setup.Chain.BlockNumber);
        Assert.Equal(BigInteger.One, setup.Chain.GetTransactionCount(setup.Sender));
    }

    [Fact]
    public async Task A_transaction_behind_a_nonce_gap_waits_and_is_mined_in_nonce_order_when_the_gap_closes()
    {
        var chain = new InProcessChain();

        var third = await chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 2, chainId: chain.ChainId));
        var second = await chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 1, chainId: chain.ChainId));
        Assert.Equal((0L, 2), (chain.BlockNumber, chain.QueuedTransactionCount));
        Assert.Null(chain.GetTransactionReceipt(third));
        Assert.Null(chain.GetTransaction(third)); // anvil would show it with no block; here it is invisible until mined
        Assert.Equal(BigInteger.Zero, chain.GetTransactionCount(chain.Accounts[0].Address));
        var first = await chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 0, chainId: chain.ChainId));

        Assert.Equal((3L, 0), (chain.BlockNumber, chain.QueuedTransactionCount));
        Assert.Equal([1L, 2L, 3L], new[] { first, second, third }.Select(h => (long)chain.GetTransactionReceipt(h)!.BlockNumber.Value));
        Assert.Equal(new BigInteger(3), chain.GetTransactionCount(chain.Accounts[0].Address));
    }

    [Fact]
    public async Task A_nonce_too_far_ahead_or_a_second_transaction_for_a_queued_nonce_is_rejected()
    {
        var chain = new InProcessChain();
        await chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 1, chainId: chain.ChainId));

        var tooFar = await Assert.ThrowsAsync<ChainException>(() => chain.SendRawTransactionAsync(Sign(chain, 0, nonce: InProcessChain.MaxQueuedNonceGap + 1, chainId: chain.ChainId)));
        var replacement = await Assert.ThrowsAsync<ChainException>(() => chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 1, chainId: chain.ChainId, maxFee: 4_000_000_000)));

        Assert.Equal(InProcessChainErrors.NonceTooHigh, tooFar.Code);
        Assert.NotNull(tooFar.TransactionHash);
        Assert.Equal(InProcessChainErrors.InvalidTransaction, replacement.Code);
        Assert.Contains("already waits", replacement.Message, StringComparison.Ordinal);
        Assert.Equal(1, chain.QueuedTransactionCount);
    }

    [Fact]
    public async Task A_queued_transaction_the_sender_can_no_longer_pay_for_is_dropped_when_its_turn_comes()
    {
        var chain = new InProcessChain();
        var queued = await chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 1, chainId: chain.ChainId));
        chain.SetBalance(chain.Accounts[0].Address, 21_000L * 3_000_000_000 + 1);

        await chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 0, chainId: chain.ChainId));

        Assert.Null(chain.GetTransactionReceipt(queued));
        Assert.Equal((1L, 0), (chain.BlockNumber, chain.QueuedTransactionCount));
    }

    [Fact]
    public async Task A_transaction_signed_for_another_chain_is_rejected()
    {
        var chain = new InProcessChain();
        var web3 = new Web3(new Account(chain.Accounts[0].PrivateKey, 1), chain.CreateRpcClient());

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() =>
            web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(chain.Accounts[1].Address, 1m));

        Assert.StartsWith("invalid chain id for signer: have 1 want 31337", ex.RpcError.Message, StringComparison.Ordinal);
        Assert.Equal(0, chain.BlockNumber);
    }

    [Fact]
    public async Task A_sender_without_funds_is_rejected()
    {
        var chain = new InProcessChain();
        var poor = EthECKey.GenerateKey();
        var web3 = new Web3(new Account(poor, chain.ChainId), chain.CreateRpcClient());

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() =>
            web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(chain.Accounts[1].Address, 1m, gas: 21_000));

        Assert.StartsWith("insufficient funds for gas * price + value", ex.RpcError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gas_limit_below_the_intrinsic_gas_is_rejected()
    {
        var chain = new InProcessChain();

        var ex = await Assert.ThrowsAsync<ChainException>(() => chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 0, chainId: chain.ChainId, gas: 20_000)));

        Assert.Equal(InProcessChainErrors.IntrinsicGasTooLow, ex.Code);
        Assert.Contains("minimum needed 21000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gas_limit_above_the_block_gas_limit_is_rejected()
    {
        var chain = new InProcessChain();

        var ex = await Assert.ThrowsAsync<ChainException>(() => chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 0, chainId: chain.ChainId, gas: 30_000_001)));

        Assert.Equal(InProcessChainErrors.GasLimitTooHigh, ex.Code);
    }

    [Fact]
    public async Task A_fee_below_the_base_fee_is_rejected()
    {
        var chain = new InProcessChain();

        var ex = await Assert.ThrowsAsync<ChainException>(() => chain.SendRawTransactionAsync(Sign(chain, 0, nonce: 0, chainId: chain.ChainId, maxFee: 10)));

        Assert.Equal(InProcessChainErrors.FeeTooLow, ex.Code);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0x1234")]
    [InlineData("not hex")]
    public async Task Garbage_instead_of_a_signed_transaction_is_an_invalid_transaction(string raw)
    {
        var chain = new InProcessChain();

        var ex = await Assert.ThrowsAsync<ChainException>(() => chain.SendRawTransactionAsync(raw));

        Assert.Equal(InProcessChainErrors.InvalidTransaction, ex.Code);
    }

    [Fact]
    public async Task An_unsupported_method_is_a_method_not_found_error_naming_the_method()
    {
        var chain = new InProcessChain();
        var client = chain.CreateRpcClient();

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() => client.SendRequestAsync<string>("debug_traceTransaction", null, "0x00"));

        Assert.Equal(-32601, ex.RpcError.Code);
        Assert.Contains("debug_traceTransaction", ex.RpcError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_at_a_block_not_yet_mined_is_an_unknown_block_error()
    {
        var setup = await ChainSetup.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() =>
            setup.Web3.Eth.GetBalance.SendRequestAsync(setup.Sender, new Nethereum.RPC.Eth.DTOs.BlockParameter(99)));

        Assert.Contains("has not been mined yet", ex.RpcError.Message, StringComparison.Ordinal);
    }

    internal static string Sign(InProcessChain chain, int account, BigInteger nonce, BigInteger chainId, BigInteger? gas = null, BigInteger? maxFee = null)
    {
        var fee = maxFee ?? 3_000_000_000;
        var tx = new Transaction1559(chainId, nonce, BigInteger.Min(fee, 1_000_000_000), fee, gas ?? 21_000, chain.Accounts[1].Address, 1, "0x", null);
        return new Transaction1559Signer().SignTransaction(chain.Accounts[account].PrivateKey, tx).EnsureHexPrefix();
    }
}
