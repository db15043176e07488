using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

// Written exactly as the bindings generator names them (one class per ABI entry), until the generator lands.

/// <summary>The <c>MediPoints.AdminTransferStarted</c> event.</summary>
[Event("AdminTransferStarted")]
internal sealed class AdminTransferStartedEventDto : IEventDTO
{
    [Parameter("address", "admin", 1, true)]
    public string Admin { get; set; } = string.Empty;

    [Parameter("address", "pendingAdmin", 2, true)]
    public string PendingAdmin { get; set; } = string.Empty;
}

/// <summary>The <c>MediPoints.AdminTransferred</c> event.</summary>
[Event("AdminTransferred")]
internal sealed class AdminTransferredEventDto : IEventDTO
{
    [Parameter("address", "previousAdmin", 1, true)]
    public string PreviousAdmin { get; set; } = string.Empty;

    [Parameter("address", "newAdmin", 2, true)]
    public string NewAdmin { get; set; } = string.Empty;
}

/// <summary>The <c>MediPoints.DepositLocked</c> event.</summary>
[Event("DepositLocked")]
internal sealed class DepositLockedEventDto : IEventDTO
{
    [Parameter("uint256", "depositId", 1, true)]
    public BigInteger DepositId { get; set; }

    [Parameter("address", "account", 2, true)]
    public string Account { get; set; } = string.Empty;

    [Parameter("address", "locker", 3, true)]
    public string Locker { get; set; } = string.Empty;

    [Parameter("uint256", "points", 4, false)]
    public BigInteger Points { get; set; }

    [Parameter("uint64", "until", 5, false)]
    public ulong Until { get; set; }
}

/// <summary>The <c>MediPoints.DepositReleased</c> event.</summary>
[Event("DepositReleased")]
internal sealed class DepositReleasedEventDto : IEventDTO
{
    [Parameter("uint256", "depositId", 1, true)]
    public BigInteger DepositId { get; set; }

    [Parameter("address", "account", 2, true)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint256", "points", 3, false)]
    public BigInteger Points { get; set; }

    [Parameter("uint256", "expired", 4, false)]
    public BigInteger Expired { get; set; }
}

/// <summary>The <c>MediPoints.DepositSlashed</c> event.</summary>
[Event("DepositSlashed")]
internal sealed class DepositSlashedEventDto : IEventDTO
{
    [Parameter("uint256", "depositId", 1, true)]
    public BigInteger DepositId { get; set; }

    [Parameter("address", "account", 2, true)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint256", "burned", 3, false)]
    public BigInteger Burned { get; set; }

    [Parameter("uint256", "medAmount", 4, false)]
    public BigInteger MedAmount { get; set; }
}

/// <summary>The <c>MediPoints.ExpiredSwept</c> event.</summary>
[Event("ExpiredSwept")]
internal sealed class ExpiredSweptEventDto : IEventDTO
{
    [Parameter("uint256", "fromWeek", 1, false)]
    public BigInteger FromWeek { get; set; }

    [Parameter("uint256", "toWeek", 2, false)]
    public BigInteger ToWeek { get; set; }

    [Parameter("uint256", "points", 3, false)]
    public BigInteger Points { get; set; }

    [Parameter("uint256", "medAmount", 4, false)]
    public BigInteger MedAmount { get; set; }
}

/// <summary>The <c>MediPoints.LockerSet</c> event.</summary>
[Event("LockerSet")]
internal sealed class LockerSetEventDto : IEventDTO
{
    [Parameter("address", "locker", 1, true)]
    public string Locker { get; set; } = string.Empty;

    [Parameter("bool", "enabled", 2, false)]
    public bool Enabled { get; set; }
}

/// <summary>The <c>MediPoints.PointsConverted</c> event.</summary>
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

/// <summary>The <c>MediPoints.PointsMinted</c> event.</summary>
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

    [Parameter("uint64", "lotWeek", 5, false)]
    public ulong LotWeek { get; set; }

    [Parameter("bytes32", "recordId", 6, false)]
    public byte[] RecordId { get; set; } = [];
}

/// <summary>The <c>MediPoints.RateSet</c> event.</summary>
[Event("RateSet")]
internal sealed class RateSetEventDto : IEventDTO
{
    [Parameter("bytes32", "contentTypeId", 1, true)]
    public byte[] ContentTypeId { get; set; } = [];

    [Parameter("uint128", "points", 2, false)]
    public BigInteger Points { get; set; }
}

/// <summary>The <c>MediPoints.RewardCapsSet</c> event.</summary>
[Event("RewardCapsSet")]
internal sealed class RewardCapsSetEventDto : IEventDTO
{
    [Parameter("uint128", "perAuthor", 1, false)]
    public BigInteger PerAuthor { get; set; }

    [Parameter("uint128", "perPatient", 2, false)]
    public BigInteger PerPatient { get; set; }
}

/// <summary>The <c>MediPoints.RewardPoolFunded</c> event.</summary>
[Event("RewardPoolFunded")]
internal sealed class RewardPoolFundedEventDto : IEventDTO
{
    [Parameter("address", "funder", 1, true)]
    public string Funder { get; set; } = string.Empty;

    [Parameter("uint256", "amount", 2, false)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "pool", 3, false)]
    public BigInteger Pool { get; set; }
}

/// <summary>The <c>MediPoints.RewardPoolWithdrawn</c> event.</summary>
[Event("RewardPoolWithdrawn")]
internal sealed class RewardPoolWithdrawnEventDto : IEventDTO
{
    [Parameter("uint256", "amount", 1, false)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "pool", 2, false)]
    public BigInteger Pool { get; set; }
}

/// <summary>The <c>MediPoints.TreasurySet</c> event.</summary>
[Event("TreasurySet")]
internal sealed class TreasurySetEventDto : IEventDTO
{
    [Parameter("address", "treasury", 1, true)]
    public string Treasury { get; set; } = string.Empty;
}
