using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Quota.Messages;

/// <summary><c>StorageQuota.buy(uint256)</c>.</summary>
[Function("buy")]
internal sealed class BuyQuotaFunction : FunctionMessage
{
    [Parameter("uint256", "gigabytes", 1)]
    public BigInteger Gigabytes { get; set; }
}
