using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Quota.Messages;

/// <summary><c>StorageQuota.medPerGigabyte()</c>.</summary>
[Function("medPerGigabyte", "uint256")]
internal sealed class MedPerGigabyteFunction : FunctionMessage
{
}
