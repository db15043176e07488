using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.releaseBy(uint256)</c>.</summary>
[FunctionOutput]
internal sealed class ReleaseByOutput : IFunctionOutputDTO
{
    [Parameter("uint64", "", 1)]
    public ulong ReturnValue1 { get; set; }
}
