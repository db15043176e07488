using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Quota.Messages;

/// <summary><c>QuotaBought(address indexed account, uint256 gigabytes, uint256 medPaid, uint256 quota)</c>.</summary>
[Event("QuotaBought")]
internal sealed class QuotaBoughtEventDto : IEventDTO
{
    [Parameter("address", "account", 1, true)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint256", "gigabytes", 2, false)]
    public BigInteger Gigabytes { get; set; }

    [Parameter("uint256", "medPaid", 3, false)]
    public BigInteger MedPaid { get; set; }

    [Parameter("uint256", "quota", 4, false)]
    public BigInteger Quota { get; set; }
}
