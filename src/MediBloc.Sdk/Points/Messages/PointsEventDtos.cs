using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Points.Messages;

/// <summary><c>PointsMinted(address indexed account, uint128 amount, uint8 reason, uint64 mintedAt, bytes32 commitment)</c>.</summary>
[Event("PointsMinted")]
internal sealed class PointsMintedEventDto : IEventDTO
{
    [Parameter("address", "account", 1, true)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint128", "amount", 2, false)]
    public BigInteger Amount { get; set; }

    [Parameter("uint8", "reason", 3, false)]
    public byte Reason { get; set; }

    [Parameter("uint64", "mintedAt", 4, false)]
    public ulong MintedAt { get; set; }

    [Parameter("bytes32", "commitment", 5, false)]
    public byte[] Commitment { get; set; } = [];
}

/// <summary><c>PointsConverted(address indexed account, uint256 points, uint256 medAmount)</c>.</summary>
[Event("PointsConverted")]
internal sealed class PointsConvertedEventDto : IEventDTO
{
    [Parameter("address", "account", 1, true)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint256", "points", 2, false)]
    public BigInteger Points { get; set; }

    [Parameter("uint256", "medAmount", 3, false)]
    public BigInteger MedAmount { get; set; }
}

/// <summary><c>PointsSlashed(address indexed account, address indexed locker, uint256 burned)</c>.</summary>
[Event("PointsSlashed")]
internal sealed class PointsSlashedEventDto : IEventDTO
{
    [Parameter("address", "account", 1, true)]
    public string Account { get; set; } = string.Empty;

    [Parameter("address", "locker", 2, true)]
    public string Locker { get; set; } = string.Empty;

    [Parameter("uint256", "burned", 3, false)]
    public BigInteger Burned { get; set; }
}

/// <summary><c>MediPoints.medPerPoint()</c>.</summary>
[Nethereum.ABI.FunctionEncoding.Attributes.Function("medPerPoint", "uint256")]
internal sealed class MedPerPointFunction : Nethereum.Contracts.FunctionMessage
{
}
