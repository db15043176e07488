using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.points()</c>.</summary>
[Function("points", "address")]
internal sealed class VouchingPointsFunction : FunctionMessage
{
}
