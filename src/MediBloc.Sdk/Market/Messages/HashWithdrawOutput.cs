using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.hashWithdraw(uint256,bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class HashWithdrawOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "", 1)]
    public byte[] ReturnValue1 { get; set; } = [];
}
