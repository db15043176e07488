using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.hashRelease(uint256,bytes32,bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class HashReleaseOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "", 1)]
    public byte[] ReturnValue1 { get; set; } = [];
}
