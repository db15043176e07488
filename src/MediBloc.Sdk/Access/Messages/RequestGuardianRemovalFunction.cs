using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.requestGuardianRemoval()</c>.</summary>
[Function("requestGuardianRemoval", "uint64")]
internal sealed class RequestGuardianRemovalFunction : FunctionMessage
{
}
