using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Market.Messages;

/// <summary>The output of <c>DataMarket.getConsent(uint256,bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class GetConsentOutput : IFunctionOutputDTO
{
    [Parameter("uint8", "status", 1)]
    public byte Status { get; set; }

    [Parameter("uint64", "reservedAt", 2)]
    public ulong ReservedAt { get; set; }

    [Parameter("address", "payee", 3)]
    public string Payee { get; set; } = string.Empty;
}
