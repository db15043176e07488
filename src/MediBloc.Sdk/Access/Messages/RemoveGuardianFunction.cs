using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.removeGuardian()</c>.</summary>
[Function("removeGuardian")]
internal sealed class RemoveGuardianFunction : FunctionMessage
{
}
