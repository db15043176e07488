using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.getRequest(uint256)</c>.</summary>
[FunctionOutput]
internal sealed class GetRequestOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)]
    public RequestStruct ReturnValue1 { get; set; } = new();
}
