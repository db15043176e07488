using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.getConsent(uint256,bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class GetConsentOutput : IFunctionOutputDTO
{
    [Parameter("address", "patient", 1)]
    public string Patient { get; set; } = string.Empty;

    [Parameter("bool", "delivered", 2)]
    public bool Delivered { get; set; }
}
