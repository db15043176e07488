using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Quota.Messages;

/// <summary><c>StorageQuota.quotaOf(address)</c>.</summary>
[Function("quotaOf", "uint256")]
internal sealed class QuotaOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}
