using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary>The output of <c>AccessGrants.grantSlot(address,address,uint8,bytes32,bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class GrantSlotOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "grantId", 1)]
    public byte[] GrantId { get; set; } = [];

    [Parameter("uint32", "version", 2)]
    public uint Version { get; set; }

    [Parameter("uint32", "epoch", 3)]
    public uint Epoch { get; set; }
}
