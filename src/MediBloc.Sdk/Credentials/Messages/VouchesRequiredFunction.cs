using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.vouchesRequired()</c>.</summary>
[Function("vouchesRequired", "uint8")]
internal sealed class VouchesRequiredFunction : FunctionMessage
{
}
