using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Points.Messages;

// Written exactly as the bindings generator names them (one class per ABI entry), until the generator lands.

/// <summary><c>MediPoints.LIFETIME()</c>.</summary>
[Function("LIFETIME", "uint64")]
internal sealed class LIFETIMEFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.LOCK_PERIOD()</c>.</summary>
[Function("LOCK_PERIOD", "uint64")]
internal sealed class LOCK_PERIODFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.LOT_PERIOD()</c>.</summary>
[Function("LOT_PERIOD", "uint64")]
internal sealed class LOT_PERIODFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.REASON_PURCHASE()</c>.</summary>
[Function("REASON_PURCHASE", "uint8")]
internal sealed class REASON_PURCHASEFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.REASON_REWARD()</c>.</summary>
[Function("REASON_REWARD", "uint8")]
internal sealed class REASON_REWARDFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.acceptAdmin()</c>.</summary>
[Function("acceptAdmin")]
internal sealed class AcceptAdminFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.admin()</c>.</summary>
[Function("admin", "address")]
internal sealed class AdminFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.authorCapPerWeek()</c>.</summary>
[Function("authorCapPerWeek", "uint128")]
internal sealed class AuthorCapPerWeekFunction : FunctionMessage
{
}

/// <summary><c>MediPoints.balanceOf(address)</c>.</summary>
[Function("balanceOf", "uint256")]
internal sealed class BalanceOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}

/// <summary><c>MediPoints.buy(uint128)</c>.</summary>
[Function("buy")]
internal sealed class BuyFunction : FunctionMessage
{
    [Parameter("uint128", "points", 1)]
    public BigInteger Points { get; set; }
}

/// <summary><c>MediPoints.claimRecordReward(bytes32)</c>.</summary>
[Function("claimRecordReward")]
internal sealed class ClaimRecordRewardFunction : FunctionMessage
{
    [Parameter("bytes32", "recordId", 1)]
    public byte[] RecordId { get; set; } = [];
}

/// <summary><c>MediPoints.convert(uint256)</c>.</summary>
[Function("convert")]
internal sealed class ConvertFunction : FunctionMessage
{
    [Parameter("uint256", "points", 1)]
    public BigInteger Points { get; set; }
}

/// <summary><c>MediPoints.convertibleOf(address)</c>.</summary>
[Function("convertibleOf", "uint256")]
internal sealed class ConvertibleOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}

/// <summary><c>MediPoints.fundRewardPool(uint256)</c>.</summary>
[Function("fundRewardPool")]
internal sealed class FundRewardPoolFunction : FunctionMessage
{
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }
}

/// <summary><c>MediPoints.getDeposit(uint256)</c>.</summary>
[Function("getDeposit", typeof(GetDepositOutput))]
internal sealed class GetDepositFunction : FunctionMessage
{
    [Parameter("uint256", "depositId", 1)]
    public BigInteger DepositId { get; set; }
}

/// <summary>The return values of <c>MediPoints.getDeposit</c>.</summary>
[FunctionOutput]
internal sealed class GetDepositOutput : IFunctionOutputDTO
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    [Parameter("address", "locker", 2)]
    public string Locker { get; set; } = string.Empty;

    [Parameter("uint256", "points", 3)]
    public BigInteger Points { get; set; }

    [Parameter("uint64", "until", 4)]
    public ulong Until { get; set; }

    [Parameter("uint8", "state", 5)]
    public byte State { get; set; }
}

/// <summary><c>MediPoints.isLocker(address)</c>.</summary>
[Function("isLocker", "bool")]
internal sealed class IsLockerFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}

/// <summary><c>MediPoints.isRewarded(bytes32)</c>.</summary>
[Function("isRewarded", "bool")]
internal sealed class IsRewardedFunction : FunctionMessage
{
    [Parameter("bytes32", "recordId", 1)]
    public byte[] RecordId { get; set; } = [];
}

/// <summary><c>MediPoints.lockDeposit(address,uint256,uint64)</c>.</summary>
[Function("lockDeposit", "uint256")]
internal sealed class LockDepositFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint256", "points", 2)]
    public BigInteger Points { get; set; }

    [Parameter("uint64", "until", 3)]
    public ulong Until { get; set; }
}

/// <summary><c>MediPoints.lockedOf(address)</c>.</summary>
[Function("lockedOf", "uint256")]
internal sealed class LockedOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}

/// <summary><c>MediPoints.lotAt(address,uint256)</c>.</summary>
[Function("lotAt", "uint256")]
internal sealed class LotAtFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    [Parameter("uint256", "week", 2)]
    public BigInteger Week { get; set; }
}

/// <summary><c>MediPoints.lotSpanOf(address)</c>.</summary>
[Function("lotSpanOf", "uint256")]
internal sealed class LotSpanOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}
