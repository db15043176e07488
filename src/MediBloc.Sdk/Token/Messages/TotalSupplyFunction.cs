using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Token.Messages;

/// <summary><c>MedToken.totalSupply()</c>.</summary>
[Function("totalSupply", "uint256")]
internal sealed class TotalSupplyFunction : FunctionMessage
{
}
