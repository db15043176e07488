using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.hashConsent(uint256,bytes32,address)</c>.</summary>
[FunctionOutput]
internal sealed class HashConsentOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "", 1)]
    public byte[] ReturnValue1 { get; set; } = [];
}
