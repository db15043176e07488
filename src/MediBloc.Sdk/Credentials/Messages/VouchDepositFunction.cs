using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.vouchDeposit()</c>.</summary>
[Function("vouchDeposit", "uint128")]
internal sealed class VouchDepositFunction : FunctionMessage
{
}
