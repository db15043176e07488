using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.getRecordParties(bytes32)</c>.</summary>
[Function("getRecordParties", typeof(GetRecordPartiesOutput))]
internal sealed class GetRecordPartiesFunction : FunctionMessage
{
    [Parameter("bytes32", "recordId", 1)]
    public byte[] RecordId { get; set; } = [];
}

/// <summary>The outputs of <c>RecordRegistry.getRecordParties</c>.</summary>
[FunctionOutput]
internal sealed class GetRecordPartiesOutput : IFunctionOutputDTO
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "author", 2)]
    public string Author { get; set; } = string.Empty;

    [Parameter("bytes32", "contentTypeId", 3)]
    public byte[] ContentTypeId { get; set; } = [];
}
