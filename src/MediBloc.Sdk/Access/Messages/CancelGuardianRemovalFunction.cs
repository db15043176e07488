using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.cancelGuardianRemoval()</c>.</summary>
[Function("cancelGuardianRemoval")]
internal sealed class CancelGuardianRemovalFunction : FunctionMessage
{
}
