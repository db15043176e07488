using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.EmbeddedChain.Blocks;

/// <summary>Maps the chain's internal records to Nethereum's JSON-RPC DTOs (the shapes a node returns).</summary>
internal static class DtoMapper
{
    private static readonly string ZeroHash = "0x" + new string('0', 64);
    private static readonly string EmptyBloom = "0x" + new string('0', 512);
    private static readonly string EmptyUnclesHash = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
    private static readonly string EmptyTrieRoot = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

    public static Transaction ToTransaction(MinedTransaction t) => new()
    {
        TransactionHash = t.Hash,
        TransactionIndex = new HexBigInteger(0),
        Type = new HexBigInteger(t.Type),
        BlockHash = t.BlockHash,
        BlockNumber = new HexBigInteger(t.BlockNumber),
        From = Addresses.Checksum(t.From),
        To = t.To is null ? null : Addresses.Checksum(t.To),
        Gas = new HexBigInteger(t.GasLimit),
        GasPrice = new HexBigInteger(t.GasPrice ?? t.EffectiveGasPrice),
        MaxFeePerGas = t.MaxFeePerGas is { } max ? new HexBigInteger(max) : null,
        MaxPriorityFeePerGas = t.MaxPriorityFeePerGas is { } tip ? new HexBigInteger(tip) : null,
        Value = new HexBigInteger(t.Value),
        Input = t.Input,
        Nonce = new HexBigInteger(t.Nonce),
        R = t.R,
        S = t.S,
        V = t.V,
    };

    public static TransactionReceipt ToReceipt(MinedTransaction t) => new()
    {
        TransactionHash = t.Hash,
        TransactionIndex = new HexBigInteger(0),
        BlockHash = t.BlockHash,
        BlockNumber = new HexBigInteger(t.BlockNumber),
        From = t.From,
        To = t.To,
        CumulativeGasUsed = new HexBigInteger(t.GasUsed),
        GasUsed = new HexBigInteger(t.GasUsed),
        EffectiveGasPrice = new HexBigInteger(t.EffectiveGasPrice),
        ContractAddress = t.ContractAddress,
        Status = new HexBigInteger(t.Success ? 1 : 0),
        Logs = [.. t.Logs],
        Type = new HexBigInteger(t.Type),
        LogsBloom = EmptyBloom,
    };

    public static T ToBlock<T>(MinedBlock b, T block) where T : Block
    {
        block.Number = new HexBigInteger(b.Number);
        block.BlockHash = b.Hash;
        block.ParentHash = b.ParentHash;
        block.Nonce = "0x0000000000000000";
        block.Sha3Uncles = EmptyUnclesHash;
        block.LogsBloom = EmptyBloom;
        block.TransactionsRoot = EmptyTrieRoot;
        block.StateRoot = ZeroHash;
        block.ReceiptsRoot = EmptyTrieRoot;
        block.Miner = Addresses.Zero;
        block.Difficulty = new HexBigInteger(0);
        block.TotalDifficulty = new HexBigInteger(0);
        block.MixHash = ZeroHash;
        block.ExtraData = "0x";
        block.Size = new HexBigInteger(0);
        block.GasLimit = new HexBigInteger(b.GasLimit);
        block.GasUsed = new HexBigInteger(b.GasUsed);
        block.Timestamp = new HexBigInteger(b.Timestamp);
        block.Uncles = [];
        block.BaseFeePerGas = new HexBigInteger(b.BaseFee);
        return block;
    }
}
