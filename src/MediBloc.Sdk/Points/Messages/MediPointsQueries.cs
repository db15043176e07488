using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

// Written exactly as the bindings generator names them (one class per ABI entry), until the generator lands.

/// <summary><c>MediPoints.lotsOf(address)</c>.</summary>
[Function("lotsOf", typeof(LotsOfOutput))]
internal sealed class LotsOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}

/// <summary>The return values of <c>MediPoints.lotsOf</c>.</summary>
[FunctionOutput]
internal sealed class LotsOfOutput : IFunctionOutputDTO
{
    [Parameter("uint64[]", "unlocksAt", 1)]
    public List<ulong> UnlocksAt { get; set; } = [];

    [Parameter("uint64[]", "expiresAt", 2)]
    public List<ulong> ExpiresAt { get; set; } = [];

    [Parameter("uint256[]", "amounts", 3)]
    public List<BigInteger> Amounts { get; set; } = [];
}

/// <summary><c>MediPoints.med()</c>.</summary>
[Function("med", "address")]
internal sealed class MedFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.medPerPoint()</c>.</summary>
[Function("medPerPoint", "uint256")]
internal sealed class MedPerPointFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.outstandingPoints()</c>.</summary>
[Function("outstandingPoints", "uint256")]
internal sealed class OutstandingPointsFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.patientCapPerWeek()</c>.</summary>
[Function("patientCapPerWeek", "uint128")]
internal sealed class PatientCapPerWeekFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.pendingAdmin()</c>.</summary>
[Function("pendingAdmin", "address")]
internal sealed class PendingAdminFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.rateOf(bytes32)</c>.</summary>
[Function("rateOf", "uint128")]
internal sealed class RateOfFunction : FunctionMessage
{
    [Parameter("bytes32", "contentTypeId", 1)]
    public byte[] ContentTypeId { get; set; } = [];
}

/// <summary><c>MediPoints.registry()</c>.</summary>
[Function("registry", "address")]
internal sealed class RegistryFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.releaseDeposit(uint256)</c>.</summary>
[Function("releaseDeposit")]
internal sealed class ReleaseDepositFunction : FunctionMessage
{
    [Parameter("uint256", "depositId", 1)]
    public BigInteger DepositId { get; set; }
}

/// <summary><c>MediPoints.rewardPool()</c>.</summary>
[Function("rewardPool", "uint256")]
internal sealed class RewardPoolFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.rewardedThisWeek(address,address)</c>.</summary>
[Function("rewardedThisWeek", typeof(RewardedThisWeekOutput))]
internal sealed class RewardedThisWeekFunction : FunctionMessage
{
    [Parameter("address", "author", 1)]
    public string Author { get; set; } = string.Empty;

    [Parameter("address", "patient", 2)]
    public string Patient { get; set; } = string.Empty;
}

/// <summary>The return values of <c>MediPoints.rewardedThisWeek</c>.</summary>
[FunctionOutput]
internal sealed class RewardedThisWeekOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "byAuthor", 1)]
    public BigInteger ByAuthor { get; set; }

    [Parameter("uint256", "byPatient", 2)]
    public BigInteger ByPatient { get; set; }
}

/// <summary><c>MediPoints.setLocker(address,bool)</c>.</summary>
[Function("setLocker")]
internal sealed class SetLockerFunction : FunctionMessage
{
    [Parameter("address", "locker", 1)]
    public string Locker { get; set; } = string.Empty;

    [Parameter("bool", "enabled", 2)]
    public bool Enabled { get; set; }
}

/// <summary><c>MediPoints.setRate(bytes32,uint128)</c>.</summary>
[Function("setRate")]
internal sealed class SetRateFunction : FunctionMessage
{
    [Parameter("bytes32", "contentTypeId", 1)]
    public byte[] ContentTypeId { get; set; } = [];

    [Parameter("uint128", "points", 2)]
    public BigInteger Points { get; set; }
}

/// <summary><c>MediPoints.setRewardCaps(uint128,uint128)</c>.</summary>
[Function("setRewardCaps")]
internal sealed class SetRewardCapsFunction : FunctionMessage
{
    [Parameter("uint128", "perAuthor", 1)]
    public BigInteger PerAuthor { get; set; }

    [Parameter("uint128", "perPatient", 2)]
    public BigInteger PerPatient { get; set; }
}

/// <summary><c>MediPoints.setTreasury(address)</c>.</summary>
[Function("setTreasury")]
internal sealed class SetTreasuryFunction : FunctionMessage
{
    [Parameter("address", "treasury_", 1)]
    public string Treasury { get; set; } = string.Empty;
}

/// <summary><c>MediPoints.slashDeposit(uint256)</c>.</summary>
[Function("slashDeposit")]
internal sealed class SlashDepositFunction : FunctionMessage
{
    [Parameter("uint256", "depositId", 1)]
    public BigInteger DepositId { get; set; }
}

/// <summary><c>MediPoints.sweepCursor()</c>.</summary>
[Function("sweepCursor", "uint256")]
internal sealed class SweepCursorFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.sweepExpired(uint256)</c>.</summary>
[Function("sweepExpired", "uint256")]
internal sealed class SweepExpiredFunction : FunctionMessage
{
    [Parameter("uint256", "maxWeeks", 1)]
    public BigInteger MaxWeeks { get; set; }
}

/// <summary><c>MediPoints.transferAdmin(address)</c>.</summary>
[Function("transferAdmin")]
internal sealed class TransferAdminFunction : FunctionMessage
{
    [Parameter("address", "newAdmin", 1)]
    public string NewAdmin { get; set; } = string.Empty;
}

/// <summary><c>MediPoints.treasury()</c>.</summary>
[Function("treasury", "address")]
internal sealed class TreasuryFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.withdrawRewardPool(uint256)</c>.</summary>
[Function("withdrawRewardPool")]
internal sealed class WithdrawRewardPoolFunction : FunctionMessage
{
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }
}
